using System.Text.Json.Nodes;
using NodePools.Placement.Declaration;

namespace NodePools.Placement.Rendering;

/// <summary>
/// Every values path a chart exposes for placement, found in its default values and its subcharts':
/// a mapping with <c>affinity</c>, <c>tolerations</c> or <c>nodeSelector</c> (standard), one with
/// Flyte's <c>default-affinity</c>/<c>default-tolerations</c>/<c>default-node-selector</c>, and
/// Tekton's pod-template strings. Keys a chart reads but does not list in its values are not found.
/// </summary>
public sealed class PlacementTargets
{
    private static readonly HashSet<string> StandardKeys = new(StringComparer.Ordinal) { "affinity", "tolerations", "nodeSelector" };
    private static readonly HashSet<string> FlyteKeys = new(StringComparer.Ordinal) { "default-affinity", "default-tolerations", "default-node-selector" };
    private static readonly HashSet<string> PodTemplateKeys = new(StringComparer.Ordinal) { "default-pod-template", "default-affinity-assistant-pod-template" };

    private const int MaxDepth = 12;

    private readonly Dictionary<string, JsonNode?> _defaults = new(StringComparer.Ordinal);

    private PlacementTargets(IReadOnlyList<PlacementTarget> targets, Dictionary<string, JsonNode?> defaults)
    {
        Targets = targets;
        _defaults = defaults;
    }

    public IReadOnlyList<PlacementTarget> Targets { get; }

    /// <summary>The chart's default at a dotted path (the parent chart's value wins over a subchart's).</summary>
    public JsonNode? Default(string path) => _defaults.GetValueOrDefault(path);

    public static PlacementTargets Discover(IReadOnlyList<ChartValues> charts)
    {
        var targets = new List<PlacementTarget>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var defaults = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var chart in charts)
            Walk(chart.Values, chart.Prefix, chart.Prefix.Length == 0, 0, targets, seen, defaults);
        return new PlacementTargets(targets, defaults);
    }

    private static void Walk(JsonObject values, string path, bool isRoot, int depth, List<PlacementTarget> targets, HashSet<string> seen, Dictionary<string, JsonNode?> defaults)
    {
        if (depth > MaxDepth)
            return;
        void Add(PlacementTarget target)
        {
            if (seen.Add($"{target.Style}:{target.Path}"))
                targets.Add(target);
        }

        if (values.Any(pair => StandardKeys.Contains(pair.Key)))
            Add(new PlacementTarget(path, SlotStyle.Standard));
        if (values.Any(pair => FlyteKeys.Contains(pair.Key)))
            Add(new PlacementTarget(path, SlotStyle.FlyteDefaults));
        foreach (var (key, child) in values)
        {
            var childPath = path.Length == 0 ? key : $"{path}.{key}";
            if (!isRoot && depth == 0 && key == "global")
                continue; // a subchart's globals come from the parent's global, already walked
            defaults.TryAdd(childPath, child);
            if (PodTemplateKeys.Contains(key))
                Add(new PlacementTarget(childPath, SlotStyle.PodTemplate));
            else if (child is JsonObject obj && !StandardKeys.Contains(key) && !FlyteKeys.Contains(key))
                Walk(obj, childPath, isRoot, depth + 1, targets, seen, defaults);
        }
    }
}
