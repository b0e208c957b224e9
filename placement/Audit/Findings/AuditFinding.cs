using NodePools.Placement.Checks;

namespace NodePools.Placement.Audit;

/// <summary>A finding of the audit, with the pool it is about (null for a node of no pool), for the per-pool summary.</summary>
public sealed record AuditFinding(string? Pool, Finding Finding);

/// <summary>How audit findings name several nodes or pods: the first few, then how many more.</summary>
internal static class Names
{
    private const int Shown = 5;

    public static string List(IEnumerable<string> names)
    {
        var all = names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return all.Count <= Shown ? string.Join(", ", all) : $"{string.Join(", ", all.Take(Shown))} and {all.Count - Shown} more";
    }

    public static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    public static string Verb(int count, string one, string many) => count == 1 ? one : many;

    public static string Pools(IEnumerable<string> pools) => string.Join(", ", pools.Order(StringComparer.Ordinal));
}
