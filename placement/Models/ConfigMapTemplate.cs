namespace NodePools.Placement.Models;

/// <summary>
/// A runtime that reads a whole pod template from one ConfigMap data key (Tekton's config-defaults):
/// the value is a YAML pod spec. <see cref="Honoured"/> names the only fields the runtime reads of it,
/// or is null when it reads them all.
/// </summary>
public sealed record ConfigMapTemplate(string Runtime, string DataKey, IReadOnlyList<string>? Honoured)
{
    /// <summary>What reports say of a template the runtime reads only in part.</summary>
    public string? Note => Honoured is null ? null : $"the runtime reads only {string.Join(" and ", Honoured)} of this template";
}

/// <summary>
/// A runtime that reads placement defaults from mappings anywhere inside a ConfigMap's YAML (Flyte's
/// <c>plugins.k8s.default-affinity</c>): each field named <c>From</c> becomes the pod field <c>To</c>.
/// </summary>
public sealed record ConfigMapDefaults(string Runtime, IReadOnlyList<(string From, string To)> Fields)
{
    /// <summary>A cheap test before parsing: every field shares this prefix.</summary>
    public string Prefix { get; } = CommonPrefix(Fields.Select(field => field.From));

    private static string CommonPrefix(IEnumerable<string> names)
    {
        var list = names.ToList();
        var prefix = list[0];
        foreach (var name in list.Skip(1))
        {
            while (!name.StartsWith(prefix, StringComparison.Ordinal))
                prefix = prefix[..^1];
        }
        return prefix;
    }
}
