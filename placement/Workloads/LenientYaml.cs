using System.Text.Json.Nodes;
using NodePools.Placement.Input;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace NodePools.Placement.Workloads;

/// <summary>A key written twice in one mapping of a rendered manifest: the last one wins, as the API server reads it.</summary>
public sealed record DuplicateKey(string Path, string Key);

/// <summary>One rendered document as the API server reads it, and the keys it repeats.</summary>
public sealed record LenientDocument(JsonNode? Root, IReadOnlyList<DuplicateKey> Duplicates);

/// <summary>
/// Reads what a chart renders the way Kubernetes does: a key written twice in one mapping is not an
/// error, the last one wins (sigs.k8s.io/yaml). The duplicates are kept, because a chart that writes a
/// user's affinity and then its own <c>nodeAffinity</c> silently drops the user's. Bounded: nesting
/// depth and alias expansion are limited, so no input can exhaust the stack or memory.
/// </summary>
public static class LenientYaml
{
    public const int MaxDepth = 200;
    public const int MaxNodes = 2_000_000;

    /// <exception cref="YamlException">The text is not YAML, or exceeds the limits.</exception>
    /// <summary>The first document's root, or null when the text is not YAML (for embedded YAML that may be anything).</summary>
    public static JsonNode? FirstOrNull(string text)
    {
        try
        {
            var documents = Parse(text);
            return documents.Count > 0 ? documents[0].Root : null;
        }
        catch (YamlException)
        {
            return null;
        }
    }

    public static IReadOnlyList<LenientDocument> Parse(string text)
    {
        var parser = new Parser(new StringReader(text));
        var documents = new List<LenientDocument>();
        var budget = new Budget();
        parser.Consume<StreamStart>();
        while (parser.TryConsume<DocumentStart>(out _))
        {
            var anchors = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            var duplicates = new List<DuplicateKey>();
            var root = parser.Accept<DocumentEnd>(out _) ? null : Read(parser, "", 0, anchors, duplicates, budget);
            parser.Consume<DocumentEnd>();
            documents.Add(new LenientDocument(root, duplicates));
        }
        parser.Consume<StreamEnd>();
        return documents;
    }

    private sealed class Budget
    {
        private int _nodes;

        public void Spend(int nodes, Mark at)
        {
            _nodes += nodes;
            if (_nodes > MaxNodes)
                throw new YamlException(at, at, $"more than {MaxNodes:N0} values (alias expansion?): refused");
        }
    }

    private static JsonNode? Read(IParser parser, string path, int depth, Dictionary<string, JsonNode?> anchors, List<DuplicateKey> duplicates, Budget budget)
    {
        var start = parser.Current!.Start;
        if (depth > MaxDepth)
            throw new YamlException(start, start, $"nested deeper than {MaxDepth} levels: refused");
        budget.Spend(1, start);
        switch (parser.Current)
        {
            case AnchorAlias alias:
                parser.MoveNext();
                if (!anchors.TryGetValue(alias.Value.Value, out var target))
                    throw new YamlException(start, start, $"alias *{alias.Value.Value} names no anchor before it");
                var copy = target?.DeepClone();
                budget.Spend(CountNodes(copy), start);
                return copy;
            case Scalar scalar:
                parser.MoveNext();
                var value = StructuredText.Scalar(scalar.Value, scalar.Style, scalar.Tag);
                Remember(anchors, scalar.Anchor, value);
                return value;
            case SequenceStart sequenceStart:
            {
                parser.MoveNext();
                var array = new JsonArray();
                var index = 0;
                while (!parser.TryConsume<SequenceEnd>(out _))
                    array.Add(Read(parser, $"{path}[{index++}]", depth + 1, anchors, duplicates, budget));
                Remember(anchors, sequenceStart.Anchor, array);
                return array;
            }
            case MappingStart mappingStart:
            {
                parser.MoveNext();
                var obj = new JsonObject();
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyNode = Read(parser, path, depth + 1, anchors, duplicates, budget);
                    var key = keyNode is JsonValue keyValue ? keyValue.ToString() : keyNode?.ToJsonString() ?? "null";
                    var childPath = path.Length == 0 ? key : $"{path}.{key}";
                    var child = Read(parser, childPath, depth + 1, anchors, duplicates, budget);
                    if (key == "<<" && child is JsonObject merged)
                    {
                        // A YAML merge key: the mapping's own keys win over the merged ones.
                        foreach (var (mergedKey, mergedValue) in merged)
                            obj.TryAdd(mergedKey, mergedValue?.DeepClone());
                        continue;
                    }
                    if (obj.ContainsKey(key))
                    {
                        duplicates.Add(new DuplicateKey(path, key));
                        obj.Remove(key);
                    }
                    obj[key] = child;
                }
                Remember(anchors, mappingStart.Anchor, obj);
                return obj;
            }
            default:
                throw new YamlException(start, start, $"unexpected {parser.Current?.GetType().Name}");
        }
    }

    private static void Remember(Dictionary<string, JsonNode?> anchors, AnchorName anchor, JsonNode? node)
    {
        if (!anchor.IsEmpty)
            anchors[anchor.Value] = node;
    }

    private static int CountNodes(JsonNode? node) => node switch
    {
        JsonObject obj => 1 + obj.Sum(pair => CountNodes(pair.Value)),
        JsonArray array => 1 + array.Sum(CountNodes),
        _ => 1,
    };
}
