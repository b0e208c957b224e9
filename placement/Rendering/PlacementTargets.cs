using System.Text.Json.Nodes;
using NodePools.Placement.Declaration;

namespace NodePools.Placement.Rendering;

/// <summary>
/// Every values path a chart exposes for placement, found in its default values and its subcharts':
/// a mapping with any of a slot style's values keys (<c>affinity</c>, <c>tolerations</c>,
/// <c>nodeSelector</c> for standard; Flyte's <c>default-*</c>), and a template style's keys (Tekton's
/// pod-template strings). Keys a chart reads but does not list in its values are not found.
/// </summary>
public sealed class PlacementTargets
{
    /// <summary>Keyed styles, with the values keys that mark a mapping as theirs.</summary>
    private static readonly (SlotStyle Style, HashSet<string> Keys)[] KeyedStyles = SlotStyles.All
        .Where(style => !style.IsTemplateString)
        .Select(style => (style.Style, new HashSet<string>(style.ValuesKeys, StringComparer.Ordinal)))
        .ToArray();

    /// <summary>Values keys that hold a whole template, with their style.</summary>
    private static readonly Dictionary<string, SlotStyle> TemplateKeys = SlotStyles.All
        .SelectMany(style => style.TemplateKeys.Select(key => (key, style.Style)))
        .ToDictionary(pair => pair.key, pair => pair.Style, StringComparer.Ordinal);

    private static bool IsPlacementKey(string key) => KeyedStyles.Any(style => style.Keys.Contains(key));

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

        foreach (var (style, keys) in KeyedStyles)
        {
            if (values.Any(pair => keys.Contains(pair.Key)))
                Add(new PlacementTarget(path, style));
        }
        foreach (var (key, child) in values)
        {
            var childPath = path.Length == 0 ? key : $"{path}.{key}";
            if (!isRoot && depth == 0 && key == "global")
                continue; // a subchart's globals come from the parent's global, already walked
            defaults.TryAdd(childPath, child);
            if (TemplateKeys.TryGetValue(key, out var templateStyle))
                Add(new PlacementTarget(childPath, templateStyle));
            else if (child is JsonObject obj && !IsPlacementKey(key))
                Walk(obj, childPath, isRoot, depth + 1, targets, seen, defaults);
        }
    }
}
