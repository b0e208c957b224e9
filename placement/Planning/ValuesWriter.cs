using System.Text.Json.Nodes;
using NodePools.Placement.Declaration;
using NodePools.Placement.Input;

namespace NodePools.Placement.Planning;

/// <summary>
/// Writes a slot's placement into a release's values, in the slot's style (<see cref="SlotStyles"/>):
/// under PATH at the style's values keys, or for a template style as one YAML string at PATH (with
/// nodeSelector when asked: Tekton's affinity-assistant template reads only nodeSelector and tolerations).
/// With merge, the user's values at those keys are kept and the placement merged in; without it the
/// parser has already refused them.
/// </summary>
public static class ValuesWriter
{
    public static void Write(JsonObject values, SlotSpec slot, DerivedPlacement placement)
    {
        var segments = SlotStyles.Segments(slot.Path);
        var style = SlotStyles.Of(slot.Style);
        if (style.IsTemplateString)
        {
            var (parent, last) = Parent(values, segments);
            var existing = slot.Merge && parent[last] is JsonValue text && text.TryGetValue<string>(out var yaml) ? ReadTemplate(yaml) : new JsonObject();
            parent[last] = YamlText.From(Apply(existing, placement, "affinity", "tolerations", slot.NodeSelector ? "nodeSelector" : null));
            return;
        }

        var target = Object(values, segments);
        Apply(target, placement, style.ValuesKey(PlacementKey.Affinity), style.ValuesKey(PlacementKey.Tolerations),
            slot.NodeSelector ? style.ValuesKey(PlacementKey.NodeSelector) : null);
    }

    /// <summary>The pod template YAML a ConfigMap holds for a standalone template.</summary>
    public static string PodTemplateYaml(DerivedPlacement placement) =>
        YamlText.From(Apply(new JsonObject(), placement, "affinity", "tolerations", placement.NodeSelector is null ? null : "nodeSelector"));

    private static JsonObject Apply(JsonObject target, DerivedPlacement placement, string affinityKey, string tolerationsKey, string? nodeSelectorKey)
    {
        if (PlacementJson.Affinity(placement.Affinity) is JsonObject affinity)
            target[affinityKey] = target[affinityKey] is JsonObject mine ? MergeObjects(mine, affinity) : affinity;

        var tolerations = PlacementJson.Tolerations(placement.Tolerations);
        if (target[tolerationsKey] is JsonArray existing)
        {
            foreach (var toleration in tolerations.ToList())
            {
                if (!existing.Any(item => JsonNode.DeepEquals(item, toleration)))
                    existing.Add(toleration!.DeepClone());
            }
        }
        else
        {
            target[tolerationsKey] = tolerations;
        }

        if (nodeSelectorKey is not null && PlacementJson.NodeSelector(placement.NodeSelector) is { } selector)
            target[nodeSelectorKey] = target[nodeSelectorKey] is JsonObject mine ? MergeObjects(mine, selector) : selector;
        return target;
    }

    /// <summary>Derived keys win; the user's other keys (podAffinity, extra labels) stay.</summary>
    private static JsonObject MergeObjects(JsonObject mine, JsonObject derived)
    {
        foreach (var (key, value) in derived.ToList())
            mine[key] = value?.DeepClone();
        return mine;
    }

    private static JsonObject ReadTemplate(string yaml)
    {
        var documents = StructuredText.Parse("pod template", yaml);
        return documents.Count > 0 && documents[0].Root is JsonObject obj ? (JsonObject)obj.DeepClone() : new JsonObject();
    }

    private static JsonObject Object(JsonObject root, IReadOnlyList<string> segments)
    {
        var current = root;
        foreach (var segment in segments)
        {
            if (current[segment] is not JsonObject next)
            {
                next = new JsonObject();
                current[segment] = next;
            }
            current = next;
        }
        return current;
    }

    private static (JsonObject Parent, string Last) Parent(JsonObject root, IReadOnlyList<string> segments) =>
        (Object(root, segments.Take(segments.Count - 1).ToList()), segments[^1]);
}
