using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace NodePools.Placement.Input;

/// <summary>
/// YAML documents as YamlDotNet's representation model, for rewriting a document without changing
/// what its untouched values mean: every scalar keeps its text, style and tag, so Helm's YAML 1.1
/// reader reads back <c>0755</c>, <c>on</c> or a literal block exactly as before. Read as the API
/// server reads a manifest: a key written twice keeps the last value; an alias becomes a copy of its
/// anchor. Comments are not part of the model (<see cref="Write"/> emits none). The limits of
/// <see cref="YamlTree"/> apply.
/// </summary>
public static class YamlNodes
{
    /// <exception cref="YamlException">The text is not YAML, or exceeds the limits.</exception>
    public static IReadOnlyList<YamlNode?> Read(string text)
    {
        var parser = new Parser(new StringReader(text));
        var documents = new List<YamlNode?>();
        var reader = new Reader(parser);
        parser.Consume<StreamStart>();
        while (parser.TryConsume<DocumentStart>(out _))
        {
            documents.Add(parser.Accept<DocumentEnd>(out _) ? null : reader.Node(0));
            parser.Consume<DocumentEnd>();
        }
        parser.Consume<StreamEnd>();
        return documents;
    }

    /// <summary>Block YAML of one document, ending in a newline, without the document-end marker.</summary>
    public static string Write(YamlNode root)
    {
        var stream = new YamlStream(new YamlDocument(root));
        using var writer = new StringWriter { NewLine = "\n" };
        stream.Save(writer, assignAnchors: false);
        var text = writer.ToString();
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    /// <summary>A JSON value as a YAML node (strings that would read back as another type are quoted).</summary>
    public static YamlNode From(JsonNode? node) => node switch
    {
        JsonObject obj => new YamlMappingNode(obj.Select(pair => new KeyValuePair<YamlNode, YamlNode>(new YamlScalarNode(pair.Key), From(pair.Value)))),
        JsonArray array => new YamlSequenceNode(array.Select(From)),
        JsonValue value => YamlText.Scalar(value),
        _ => new YamlScalarNode("null") { Style = ScalarStyle.Plain },
    };

    /// <summary>The text of a scalar, or null for anything else.</summary>
    public static string? Text(YamlNode? node) => node is YamlScalarNode { Value: { } value } ? value : null;

    /// <summary>The child of a mapping under a key, found by the key's text (however it was quoted or tagged).</summary>
    public static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.FirstOrDefault(pair => Text(pair.Key) == key).Value;

    /// <summary>Sets a mapping's key in place (or appends it), matching the key by its text.</summary>
    public static void Set(YamlMappingNode mapping, string key, YamlNode value)
    {
        var existing = mapping.Children.Keys.FirstOrDefault(k => Text(k) == key);
        mapping.Children[existing ?? new YamlScalarNode(key)] = value;
    }

    public static void Remove(YamlMappingNode mapping, string key)
    {
        if (mapping.Children.Keys.FirstOrDefault(k => Text(k) == key) is { } existing)
            mapping.Children.Remove(existing);
    }

    /// <summary>Whether a node is YAML's null (absent values are too).</summary>
    public static bool IsNull(YamlNode? node) =>
        node is null || node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar && scalar.Value is "" or "~" or "null" or "Null" or "NULL";

    private sealed class Reader(IParser parser)
    {
        private readonly Dictionary<string, YamlNode> _anchors = new(StringComparer.Ordinal);
        private long _values;

        public YamlNode Node(int depth)
        {
            var start = parser.Current!.Start;
            if (depth > YamlTree.MaxDepth)
                throw new YamlException(start, start, $"nested deeper than {YamlTree.MaxDepth} levels: refused");
            switch (parser.Current)
            {
                case AnchorAlias alias:
                    parser.MoveNext();
                    if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
                        throw new YamlException(start, start, $"alias *{alias.Value.Value} names no anchor completed before it");
                    return Copy(anchored, start);
                case Scalar scalar:
                    parser.MoveNext();
                    Count(1, start);
                    return Remember(scalar.Anchor, new YamlScalarNode(scalar.Value) { Style = scalar.Style, Tag = scalar.Tag });
                case SequenceStart sequenceStart:
                {
                    parser.MoveNext();
                    Count(1, start);
                    var sequence = new YamlSequenceNode { Style = sequenceStart.Style, Tag = sequenceStart.Tag };
                    while (!parser.TryConsume<SequenceEnd>(out _))
                        sequence.Add(Node(depth + 1));
                    return Remember(sequenceStart.Anchor, sequence);
                }
                case MappingStart mappingStart:
                {
                    parser.MoveNext();
                    Count(1, start);
                    var mapping = new YamlMappingNode { Style = mappingStart.Style, Tag = mappingStart.Tag };
                    while (!parser.TryConsume<MappingEnd>(out _))
                    {
                        var key = Node(depth + 1);
                        var value = Node(depth + 1);
                        // The last of a repeated key wins, at the first one's place, as the API server reads it.
                        if (Text(key) is { } name && name != "<<")
                            Set(mapping, name, value);
                        else
                            mapping.Children.Add(key, value);
                    }
                    return Remember(mappingStart.Anchor, mapping);
                }
                default:
                    throw new YamlException(start, start, $"unexpected {parser.Current?.GetType().Name}");
            }
        }

        private YamlNode Remember(AnchorName anchor, YamlNode node)
        {
            if (!anchor.IsEmpty)
                _anchors[anchor.Value] = node;
            return node;
        }

        /// <summary>An alias as a copy of its anchor, so a patch of one never changes the other.</summary>
        private YamlNode Copy(YamlNode node, Mark at)
        {
            Count(1, at);
            return node switch
            {
                YamlScalarNode scalar => new YamlScalarNode(scalar.Value) { Style = scalar.Style, Tag = scalar.Tag },
                YamlSequenceNode sequence => new YamlSequenceNode(sequence.Children.Select(child => Copy(child, at))) { Style = sequence.Style, Tag = sequence.Tag },
                YamlMappingNode mapping => new YamlMappingNode(mapping.Children.Select(pair => new KeyValuePair<YamlNode, YamlNode>(Copy(pair.Key, at), Copy(pair.Value, at))))
                {
                    Style = mapping.Style,
                    Tag = mapping.Tag,
                },
                _ => throw new YamlException(at, at, "unexpected node"),
            };
        }

        private void Count(long values, Mark at)
        {
            _values += values;
            if (_values > YamlTree.MaxValues)
                throw new YamlException(at, at, $"more than {YamlTree.MaxValues:N0} values once aliases are expanded: refused (an alias bomb?)");
        }
    }
}
