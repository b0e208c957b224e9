using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace NodePools.Placement.Input;

/// <summary>What to do with a key written twice in one mapping.</summary>
public enum DuplicateKeys
{
    /// <summary>An error at the second key (a user's file: one of the two is a mistake).</summary>
    Refuse,

    /// <summary>The last one wins and the duplicate is recorded (rendered manifests, as the API server reads them).</summary>
    LastWins,
}

/// <summary>One YAML document as a JSON tree, where each value was written, and the keys written twice.</summary>
public sealed record YamlTreeDocument(JsonNode? Root, SourceMap Map, IReadOnlyList<(string Path, string Key)> Duplicates);

/// <summary>
/// Reads YAML into JSON trees from YamlDotNet's event stream, with the limits no input may pass:
/// nesting depth (before the stack can overflow), and the number of values after alias expansion
/// (an alias bomb of a few hundred bytes is refused before it is expanded). Aliases must name an
/// anchor completed before them (a self-referencing alias is refused). Merge keys (<c>&lt;&lt;: *base</c>)
/// are resolved as Pulumi's YAML reader resolves them: the mapping's own keys win. Plain scalars
/// resolve with the YAML 1.2 core schema.
/// </summary>
public static class YamlTree
{
    /// <summary>Deeper than any real configuration or manifest; shallow enough for any thread's stack.</summary>
    public const int MaxDepth = 256;

    /// <summary>Values in one text after alias expansion: a 5 MB `kubectl get pods -A -o yaml` holds far fewer.</summary>
    public const int MaxValues = 5_000_000;

    /// <summary>
    /// Values aliases may add before their share is checked, and the share: past both, the text is
    /// mostly expansion (as go-yaml, which Pulumi uses, refuses "excessive aliasing").
    /// </summary>
    public const int AliasAllowance = 100_000;
    public const int AliasRatio = 10;

    /// <exception cref="YamlException">Malformed YAML, a refused duplicate key, or a limit passed; with its position.</exception>
    public static IReadOnlyList<YamlTreeDocument> Read(string text, DuplicateKeys duplicates)
    {
        var parser = new Parser(new StringReader(text));
        var reader = new Reader(parser, duplicates);
        var documents = new List<YamlTreeDocument>();
        parser.Consume<StreamStart>();
        while (parser.TryConsume<DocumentStart>(out _))
            documents.Add(reader.Document());
        parser.Consume<StreamEnd>();
        return documents;
    }

    private sealed class Reader(IParser parser, DuplicateKeys mode)
    {
        private long _values;
        private long _aliased;
        private Dictionary<string, (JsonNode? Node, long Count)> _anchors = new(StringComparer.Ordinal);
        private SourceMap _map = new();
        private List<(string, string)> _duplicates = [];

        public YamlTreeDocument Document()
        {
            _anchors = new(StringComparer.Ordinal);
            _map = new SourceMap();
            _duplicates = [];
            var root = parser.Accept<DocumentEnd>(out _) ? null : Node(JsonPaths.Root, 0).Node;
            parser.Consume<DocumentEnd>();
            return new YamlTreeDocument(root, _map, _duplicates);
        }

        private (JsonNode? Node, long Count) Node(string path, int depth)
        {
            var start = parser.Current!.Start;
            if (depth > MaxDepth)
                throw new YamlException(start, start, $"nested deeper than {MaxDepth} levels: refused");
            _map.Add(path, (int)start.Line, (int)start.Column);
            switch (parser.Current)
            {
                case AnchorAlias alias:
                {
                    parser.MoveNext();
                    if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                        throw new YamlException(start, start, $"alias *{alias.Value.Value} names no anchor completed before it (an alias inside its own anchor would be infinite)");
                    _aliased += target.Count;
                    if (_aliased > AliasAllowance && _aliased > AliasRatio * (_values - _aliased + target.Count))
                        throw new YamlException(start, start, $"excessive aliasing: aliases expand to {_aliased:N0} values, over {AliasRatio} times what is written: refused (an alias bomb?)");
                    Spend(target.Count, start);
                    return (target.Node?.DeepClone(), target.Count);
                }
                case Scalar scalar:
                {
                    parser.MoveNext();
                    Spend(1, start);
                    var value = StructuredText.Scalar(scalar.Value, scalar.Style, scalar.Tag);
                    return Remember(scalar.Anchor, value, 1);
                }
                case SequenceStart sequenceStart:
                {
                    parser.MoveNext();
                    Spend(1, start);
                    var array = new JsonArray();
                    long count = 1;
                    while (!parser.TryConsume<SequenceEnd>(out _))
                    {
                        var (item, itemCount) = Node(JsonPaths.Index(path, array.Count), depth + 1);
                        array.Add(item);
                        count += itemCount;
                    }
                    return Remember(sequenceStart.Anchor, array, count);
                }
                case MappingStart mappingStart:
                {
                    parser.MoveNext();
                    Spend(1, start);
                    var obj = new JsonObject();
                    var merged = new HashSet<string>(StringComparer.Ordinal);
                    long count = 1;
                    while (!parser.TryConsume<MappingEnd>(out _))
                    {
                        var keyStart = parser.Current!.Start;
                        var (keyNode, _) = Node(path, depth + 1);
                        if (keyNode is not JsonValue && keyNode is not null)
                            throw new YamlException(keyStart, keyStart, "a mapping key must be a plain string");
                        var key = keyNode?.ToString() ?? "null";
                        var (value, valueCount) = Node(JsonPaths.Property(path, key), depth + 1);
                        count += valueCount;
                        if (key == "<<")
                        {
                            Merge(obj, merged, value, keyStart);
                            continue;
                        }
                        if (obj.ContainsKey(key) && !merged.Remove(key))
                        {
                            if (mode == DuplicateKeys.Refuse)
                                throw new YamlException(keyStart, keyStart, $"duplicate key \"{key}\": a key is written once in a mapping");
                            _duplicates.Add((path, key));
                        }
                        obj.Remove(key);
                        obj[key] = value;
                    }
                    return Remember(mappingStart.Anchor, obj, count);
                }
                default:
                    throw new YamlException(start, start, $"unexpected {parser.Current?.GetType().Name}");
            }
        }

        /// <summary>&lt;&lt;: a mapping or a list of mappings; earlier ones win, and the mapping's own keys win over all.</summary>
        private static void Merge(JsonObject target, HashSet<string> merged, JsonNode? source, Mark at)
        {
            IEnumerable<JsonNode?> sources = source switch
            {
                JsonObject one => new JsonNode?[] { one },
                JsonArray many => many.ToArray(),
                _ => throw new YamlException(at, at, "a merge key (<<) takes a mapping or a list of mappings"),
            };
            foreach (var item in sources)
            {
                if (item is not JsonObject mapping)
                    throw new YamlException(at, at, "a merge key (<<) takes a mapping or a list of mappings");
                foreach (var (key, value) in mapping)
                {
                    if (!target.ContainsKey(key))
                    {
                        target[key] = value?.DeepClone();
                        merged.Add(key);
                    }
                }
            }
        }

        private (JsonNode? Node, long Count) Remember(AnchorName anchor, JsonNode? node, long count)
        {
            if (!anchor.IsEmpty)
                _anchors[anchor.Value] = (node, count);
            return (node, count);
        }

        private void Spend(long values, Mark at)
        {
            _values += values;
            if (_values > MaxValues)
                throw new YamlException(at, at, $"more than {MaxValues:N0} values once aliases are expanded: refused (an alias bomb?)");
        }
    }
}
