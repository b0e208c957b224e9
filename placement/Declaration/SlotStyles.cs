using NodePools.Placement.Models;

namespace NodePools.Placement.Declaration;

/// <summary>The three placement keys a pod spec has, as a values path writes them.</summary>
public enum PlacementKey { Affinity, Tolerations, NodeSelector }

/// <summary>
/// How one slot style writes placement at its values path: its spelling in the stack file and the
/// reports, and either the values key it writes each placement key to (under PATH) or, for a
/// template style, one YAML string at PATH holding a pod spec. Everything that writes, marks,
/// discovers, reports or suggests a slot reads this descriptor.
/// </summary>
public sealed record SlotStyleDescriptor(SlotStyle Style, string Name, IReadOnlyList<(PlacementKey Key, string ValuesKey)> Keys, string Doc)
{
    /// <summary>For a template style: the values keys that hold such a template, found when a chart's defaults are searched.</summary>
    public IReadOnlyList<string> TemplateKeys { get; init; } = [];

    /// <summary>PATH itself holds the pod template as a YAML string (its keys are the pod spec's own).</summary>
    public bool IsTemplateString => Keys.Count == 0;

    /// <summary>The values key a placement key is written to under PATH (the pod spec's own name in a template string).</summary>
    public string ValuesKey(PlacementKey key) =>
        IsTemplateString ? SlotStyles.PodFieldName(key) : Keys.First(pair => pair.Key == key).ValuesKey;

    /// <summary>Values keys that mark a mapping as a target of this style, when a chart's defaults are searched.</summary>
    public IEnumerable<string> ValuesKeys => Keys.Select(pair => pair.ValuesKey);
}

/// <summary>The slot styles (docs/design.md, slot styles): one entry per style; adding a style is one entry here plus its tests.</summary>
public static class SlotStyles
{
    private static readonly (PlacementKey, string)[] PodFields =
        [(PlacementKey.Affinity, "affinity"), (PlacementKey.Tolerations, "tolerations"), (PlacementKey.NodeSelector, "nodeSelector")];

    public static readonly IReadOnlyList<SlotStyleDescriptor> All =
    [
        new(SlotStyle.Standard, "standard", PodFields,
            "PATH.affinity, PATH.tolerations (and PATH.nodeSelector when asked): most charts"),
        new(SlotStyle.FlyteDefaults, "flyte-defaults",
            [.. WorkloadModels.FlyteDefaults.Fields.Select(field => (PodKey(field.To), field.From))],
            "PATH.default-affinity, PATH.default-tolerations (and PATH.default-node-selector): Flyte's k8s plugin defaults for task pods"),
        new(SlotStyle.PodTemplate, "pod-template", [],
            "PATH is a YAML string holding affinity and tolerations (and nodeSelector when asked): Tekton's default pod templates")
        {
            TemplateKeys = [.. WorkloadModels.ConfigMapTemplates.Select(template => template.DataKey)],
        },
    ];

    /// <summary>The style slots take when they name none.</summary>
    public static SlotStyleDescriptor Default => All[0];

    public static SlotStyleDescriptor Of(SlotStyle style) => All.First(descriptor => descriptor.Style == style);

    public static SlotStyleDescriptor? Parse(string text) => All.FirstOrDefault(descriptor => descriptor.Name == text);

    /// <summary>"standard, flyte-defaults or pod-template", for messages.</summary>
    public static string Names => string.Join(", ", All.Take(All.Count - 1).Select(d => d.Name)) + " or " + All[^1].Name;

    /// <summary>The pod spec's own field name for a placement key.</summary>
    public static string PodFieldName(PlacementKey key) => PodFields.First(pair => pair.Item1 == key).Item2;

    public static PlacementKey PodKey(string podField) => PodFields.First(pair => pair.Item2 == podField).Item1;

    /// <summary>Every placement key, in report order.</summary>
    public static IReadOnlyList<PlacementKey> Keys { get; } = [PlacementKey.Affinity, PlacementKey.Tolerations, PlacementKey.NodeSelector];

    public static IReadOnlyList<string> Segments(string path) =>
        path.Length == 0 ? [] : path.Split('.');

    /// <summary>The keys under the slot's path that derived placement owns (none for a template string: it owns PATH).</summary>
    public static IReadOnlyList<string> Owned(SlotSpec slot)
    {
        var style = Of(slot.Style);
        if (style.IsTemplateString)
            return [];
        return
        [
            .. slot.Affinity ? [style.ValuesKey(PlacementKey.Affinity)] : Array.Empty<string>(),
            style.ValuesKey(PlacementKey.Tolerations),
            .. slot.NodeSelector ? [style.ValuesKey(PlacementKey.NodeSelector)] : Array.Empty<string>(),
        ];
    }

    /// <summary>Every owned key as a full dotted path, for messages and conflict checks.</summary>
    public static IEnumerable<IReadOnlyList<string>> OwnedPaths(SlotSpec slot) =>
        Of(slot.Style).IsTemplateString
            ? [Segments(slot.Path)]
            : Owned(slot).Select(key => (IReadOnlyList<string>)[.. Segments(slot.Path), key]);
}

/// <summary>Where a values path writes placement, and in what form.</summary>
public sealed record PlacementTarget(string Path, SlotStyle Style)
{
    public SlotStyleDescriptor Descriptor => SlotStyles.Of(Style);

    /// <summary>The keys written under the path; a template string is one value at the path itself.</summary>
    public IReadOnlyList<(PlacementKey Key, string ValuesKey)> Keys => Descriptor.Keys;

    public string Display => Path.Length == 0 ? "(root)" : Path;
}
