using NodePools.Placement.Planning;
using NodePools.Placement.Rendering;
using NodePools.Placement.Declaration;
using NodePools.Placement.Verdicts;

namespace NodePools.Placement.Checks;

/// <summary>Wording the rendered rules share.</summary>
internal static class RenderedFacts
{
    public static string Pools(IEnumerable<string> pools)
    {
        var list = pools.ToList();
        return list.Count == 0 ? "no pool" : string.Join(", ", list);
    }

    public static string Keys(IEnumerable<PlacementKey> keys) =>
        string.Join(", ", keys.Distinct().Order().Select(Name));

    public static string Name(PlacementKey key) => SlotStyles.PodFieldName(key);

    /// <summary>Why a workload cannot run on each pool, in the scheduler's words.</summary>
    public static string Refusals(WorkloadPlacement workload) =>
        string.Join(" | ", workload.Verdicts.Select(v => $"{v.Pool}: {PoolFacts.Why(v.Verdict)}"));

    /// <summary>The acknowledgement a workload no values path reaches would need.</summary>
    public static string Acknowledge(WorkloadPlacement workload) =>
        $"acknowledge it on the release: acknowledge: [{{workload: {workload.Workload.Id}, pool: {(workload.Fits.Count() == 1 ? workload.Fits.Single() : "POOL")}, reason: ...}}]"
        + (workload.Workload.From is { } from ? $" (workload: {from} acknowledges every workload its operator makes from it)" : "");

    /// <summary>How to place a workload whose values a path of the chart reaches: the slot to declare.</summary>
    public static string? DeclareSlot(WorkloadPlacement workload)
    {
        if (workload.BestExposedPath is not { } best)
            return null;
        var (target, keys) = best;
        var style = target.Descriptor == SlotStyles.Default ? "" : $", style: {target.Descriptor.Name}";
        var selector = keys.Contains(PlacementKey.Affinity) ? "" : ", nodeSelector: true, affinity: false";
        return $"declare a slot at values path {target.Display} (the chart reads {Keys(keys)} there for this workload): "
               + $"{{path: {(target.Path.Length == 0 ? "." : target.Path)}{style}{selector}}}";
    }
}
