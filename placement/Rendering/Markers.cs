using System.Text.Json.Nodes;
using NodePools.Placement.Declaration;
using NodePools.Placement.Input;

namespace NodePools.Placement.Rendering;

/// <summary>One marker: a token written into one key of one target, found again in what the chart renders.</summary>
public sealed record Marker(string Token, PlacementTarget Target, PlacementKey Key);

/// <summary>
/// Marks placement keys with distinct tokens so a render tells which values path reaches which
/// workload, and through which key: a toleration, a node selector entry and a required node affinity
/// term, each carrying the token. A key whose default has another shape (a preset string or object,
/// as Argo CD's global.affinity) is left alone: writing a Kubernetes affinity there would break the chart.
/// </summary>
public static class Markers
{
    public const string LabelKey = "nodepools.io/marker";

    /// <summary>Every token starts so; <c>Workloads.MarkerReach</c> finds them again in what helm rendered.</summary>
    public const string TokenPrefix = "np-marker-";

    /// <summary>Writes markers for every target into a copy of the values; returns the copy and the markers.</summary>
    public static (JsonObject Values, IReadOnlyList<Marker> Markers) Apply(JsonObject values, IEnumerable<PlacementTarget> targets, Func<string, JsonNode?>? defaults = null)
    {
        var copy = (JsonObject)values.DeepClone();
        var markers = new List<Marker>();
        foreach (var target in targets)
        {
            var segments = SlotStyles.Segments(target.Path);
            if (target.Descriptor.IsTemplateString)
            {
                var token = Token(markers.Count);
                var template = new JsonObject();
                foreach (var key in SlotStyles.Keys)
                {
                    markers.Add(new Marker(token, target, key));
                    template[SlotStyles.PodFieldName(key)] = Mark(key, token);
                }
                Set(copy, segments, YamlText.From(template));
                continue;
            }
            foreach (var (key, valuesKey) in target.Keys)
            {
                var path = target.Path.Length == 0 ? valuesKey : $"{target.Path}.{valuesKey}";
                var existing = defaults?.Invoke(path);
                if (!Fits(key, existing))
                    continue;
                var token = Token(markers.Count);
                markers.Add(new Marker(token, target, key));
                var marker = Mark(key, token);
                // A chart that takes the key as a string (tpl) gets the same marker as YAML text.
                Set(copy, [.. segments, valuesKey], existing is JsonValue { } text && text.TryGetValue<string>(out _) ? YamlText.From(marker) : marker);
            }
        }
        return (copy, markers);
    }

    private static string Token(int index) => $"{TokenPrefix}{index:D4}";

    /// <summary>Whether a marker of this key can stand where the chart's default is.</summary>
    private static bool Fits(PlacementKey key, JsonNode? existing) => existing switch
    {
        null => true,
        JsonValue value when value.TryGetValue<string>(out var text) => key == PlacementKey.Affinity || text.Trim().Length == 0,
        JsonObject obj when key == PlacementKey.Affinity => obj.All(pair => pair.Key is "nodeAffinity" or "podAffinity" or "podAntiAffinity" && pair.Value is null or JsonObject),
        JsonObject obj when key == PlacementKey.NodeSelector => obj.All(pair => pair.Value is null or JsonValue),
        JsonArray when key == PlacementKey.Tolerations => true,
        _ => false,
    };

    private static JsonNode Mark(PlacementKey key, string token) => key switch
    {
        PlacementKey.Affinity => Affinity(token),
        PlacementKey.Tolerations => Tolerations(token),
        _ => NodeSelector(token),
    };

    private static JsonObject Affinity(string token) => new()
    {
        ["nodeAffinity"] = new JsonObject
        {
            ["requiredDuringSchedulingIgnoredDuringExecution"] = new JsonObject
            {
                ["nodeSelectorTerms"] = new JsonArray(new JsonObject
                {
                    ["matchExpressions"] = new JsonArray(new JsonObject { ["key"] = LabelKey, ["operator"] = "In", ["values"] = new JsonArray(token) }),
                }),
            },
        },
    };

    private static JsonArray Tolerations(string token) =>
        new(new JsonObject { ["key"] = LabelKey, ["operator"] = "Equal", ["value"] = token, ["effect"] = "NoSchedule" });

    private static JsonObject NodeSelector(string token) => new() { [LabelKey] = token };

    private static void Set(JsonObject root, IReadOnlyList<string> segments, JsonNode value)
    {
        var current = root;
        for (var i = 0; i < segments.Count - 1; i++)
        {
            if (current[segments[i]] is not JsonObject next)
            {
                next = new JsonObject();
                current[segments[i]] = next;
            }
            current = next;
        }
        current[segments[^1]] = value;
    }
}
