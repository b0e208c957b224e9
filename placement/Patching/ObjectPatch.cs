using System.Text.Json.Nodes;
using NodePools.Placement.Declaration;
using NodePools.Placement.Input;
using YamlDotNet.RepresentationModel;

namespace NodePools.Placement.Patching;

/// <summary>
/// Applies one JSON merge patch (RFC 7386) at a path of one object, in YAML nodes: mappings merge, a
/// null deletes a key, anything else (lists included) replaces what was there. Missing steps of the
/// path are created (a mapping, or a list entry holding only its selecting field). Values the patch
/// does not touch keep their text and style.
/// </summary>
internal static class ObjectPatch
{
    /// <summary>Null when applied; otherwise why not, and the object is left as it was.</summary>
    public static string? Apply(YamlMappingNode obj, PatchPath path, JsonObject merge)
    {
        if (Blocked(obj, path) is { } problem)
            return problem;
        Merge(Locate(obj, path), merge);
        return null;
    }

    /// <summary>
    /// The values the patch's nulls would delete (dotted, from the object): a null whose key the object
    /// does not have deletes nothing. The object is not changed.
    /// </summary>
    public static IEnumerable<string> Deletions(YamlMappingNode obj, PatchPath path, JsonObject merge)
    {
        YamlNode? current = obj;
        foreach (var step in path.Steps)
        {
            current = current is YamlMappingNode mapping ? YamlNodes.Child(mapping, step.Key) : null;
            if (step.SelectsEntry)
                current = current is YamlSequenceNode list ? Entry(list, step) : null;
        }
        return current is YamlMappingNode target ? Deleted(target, merge, path.Steps.Count == 0 ? "" : $"{path}.") : [];
    }

    private static IEnumerable<string> Deleted(YamlMappingNode target, JsonObject merge, string prefix)
    {
        foreach (var (key, value) in merge)
        {
            var child = YamlNodes.Child(target, key);
            if (value is null && !YamlNodes.IsNull(child))
                yield return prefix + key;
            else if (value is JsonObject nested && child is YamlMappingNode mapping)
            {
                foreach (var deleted in Deleted(mapping, nested, $"{prefix}{key}."))
                    yield return deleted;
            }
        }
    }

    /// <summary>Where the path runs through a value that is not the mapping or list it needs; null when it can be followed.</summary>
    private static string? Blocked(YamlMappingNode obj, PatchPath path)
    {
        YamlNode? current = obj;
        var walked = new List<PatchStep>();
        foreach (var step in path.Steps)
        {
            if (YamlNodes.IsNull(current))
                return null; // the rest is created
            if (current is not YamlMappingNode mapping)
                return $"{Where(walked)} is {Describe(current)}, not a mapping";
            var child = YamlNodes.Child(mapping, step.Key);
            walked.Add(step with { Field = null, Value = null });
            if (step.SelectsEntry)
            {
                if (YamlNodes.IsNull(child))
                    return null;
                if (child is not YamlSequenceNode list)
                    return $"{Where(walked)} is {Describe(child)}, not a list";
                child = Entry(list, step);
                walked[^1] = step;
            }
            current = child;
        }
        return YamlNodes.IsNull(current) || current is YamlMappingNode ? null : $"{Where(walked)} is {Describe(current)}, not a mapping";
    }

    private static YamlMappingNode Locate(YamlMappingNode obj, PatchPath path)
    {
        var current = obj;
        foreach (var step in path.Steps)
        {
            var child = YamlNodes.Child(current, step.Key);
            if (!step.SelectsEntry)
            {
                if (child is not YamlMappingNode next)
                {
                    next = new YamlMappingNode();
                    YamlNodes.Set(current, step.Key, next);
                }
                current = next;
                continue;
            }
            if (child is not YamlSequenceNode list)
            {
                list = new YamlSequenceNode();
                YamlNodes.Set(current, step.Key, list);
            }
            if (Entry(list, step) is not { } entry)
            {
                entry = new YamlMappingNode();
                YamlNodes.Set(entry, step.Field!, YamlNodes.From(JsonValue.Create(step.Value)));
                list.Add(entry);
            }
            current = entry;
        }
        return current;
    }

    /// <summary>RFC 7386, in place: the target is a mapping.</summary>
    private static void Merge(YamlMappingNode target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            switch (value)
            {
                case null:
                    YamlNodes.Remove(target, key);
                    break;
                case JsonObject nested:
                    if (YamlNodes.Child(target, key) is not YamlMappingNode child)
                    {
                        child = new YamlMappingNode();
                        YamlNodes.Set(target, key, child);
                    }
                    Merge(child, nested);
                    break;
                default:
                    YamlNodes.Set(target, key, YamlNodes.From(value));
                    break;
            }
        }
    }

    private static YamlMappingNode? Entry(YamlSequenceNode list, PatchStep step) =>
        list.Children.OfType<YamlMappingNode>().FirstOrDefault(entry => YamlNodes.Text(YamlNodes.Child(entry, step.Field!)) == step.Value);

    private static string Where(IReadOnlyList<PatchStep> steps) => steps.Count == 0 ? "the object" : string.Join('.', steps);

    private static string Describe(YamlNode? node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        YamlScalarNode scalar => $"the value \"{scalar.Value}\"",
        _ => "nothing",
    };
}
