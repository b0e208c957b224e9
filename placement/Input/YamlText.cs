using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NodePools.Placement.Input;

/// <summary>Writes a JSON tree as block YAML (YamlDotNet's representation model: no reflection), keys in tree order.</summary>
public static class YamlText
{
    public static string From(JsonNode? node)
    {
        var stream = new YamlStream(new YamlDocument(ToYaml(node)));
        using var writer = new StringWriter { NewLine = "\n" };
        stream.Save(writer, assignAnchors: false);
        var text = writer.ToString();
        // Drop the document-end marker the emitter adds; a pod template is one bare document.
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    private static YamlNode ToYaml(JsonNode? node) => node switch
    {
        JsonObject obj => new YamlMappingNode(obj.Select(pair => new KeyValuePair<YamlNode, YamlNode>(new YamlScalarNode(pair.Key), ToYaml(pair.Value)))),
        JsonArray array => new YamlSequenceNode(array.Select(ToYaml)),
        JsonValue value => Scalar(value),
        _ => new YamlScalarNode("null") { Style = ScalarStyle.Plain },
    };

    internal static YamlScalarNode Scalar(JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                // Quote strings that would read back as something else ("true", "1", "null", "").
                var text = value.GetValue<string>();
                return new YamlScalarNode(text) { Style = NeedsQuotes(text) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any };
            case JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number:
                return new YamlScalarNode(value.ToJsonString()) { Style = ScalarStyle.Plain };
            default:
                return new YamlScalarNode("null") { Style = ScalarStyle.Plain };
        }
    }

    private static bool NeedsQuotes(string text) =>
        text.Length == 0
        || text is "~" or "null" or "Null" or "NULL" or "true" or "True" or "TRUE" or "false" or "False" or "FALSE"
            or "yes" or "Yes" or "YES" or "no" or "No" or "NO" or "on" or "On" or "ON" or "off" or "Off" or "OFF" or "y" or "n"
        || double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);
}
