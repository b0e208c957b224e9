namespace NodePools.Placement.Declaration;

/// <summary>Which values keys a slot writes, by style (DESIGN.md, slot styles).</summary>
public static class SlotKeys
{
    public static IReadOnlyList<string> Segments(string path) =>
        path.Length == 0 ? [] : path.Split('.');

    /// <summary>The keys a style writes under the slot's path: affinity, tolerations, nodeSelector.</summary>
    public static (string Affinity, string Tolerations, string NodeSelector) Names(SlotStyle style) => style switch
    {
        SlotStyle.FlyteDefaults => ("default-affinity", "default-tolerations", "default-node-selector"),
        _ => ("affinity", "tolerations", "nodeSelector"),
    };

    /// <summary>The keys under the slot's path that derived placement owns.</summary>
    public static IReadOnlyList<string> Owned(SlotSpec slot)
    {
        if (slot.Style == SlotStyle.PodTemplate)
            return [];
        var (affinity, tolerations, nodeSelector) = Names(slot.Style);
        return [.. slot.Affinity ? [affinity] : Array.Empty<string>(), tolerations, .. slot.NodeSelector ? [nodeSelector] : Array.Empty<string>()];
    }

    /// <summary>Every owned key as a full dotted path, for messages and conflict checks.</summary>
    public static IEnumerable<IReadOnlyList<string>> OwnedPaths(SlotSpec slot) =>
        slot.Style == SlotStyle.PodTemplate
            ? [Segments(slot.Path)]
            : Owned(slot).Select(key => (IReadOnlyList<string>)[.. Segments(slot.Path), key]);

    public static SlotStyle? ParseStyle(string text) => text switch
    {
        "standard" => SlotStyle.Standard,
        "flyte-defaults" => SlotStyle.FlyteDefaults,
        "pod-template" => SlotStyle.PodTemplate,
        _ => null,
    };
}
