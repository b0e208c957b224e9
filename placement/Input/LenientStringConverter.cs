using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NodePools.Placement.Input;

/// <summary>
/// Reads a string field written as an unquoted YAML number or boolean (<c>gpu: true</c>,
/// <c>tier: 2</c>) as the text the user wrote, instead of refusing it; and a null as "", the way Go
/// decodes null into a string, so no string the scheduler reads is ever null; and invalid UTF-8 as Go
/// decodes it too (<see cref="JsonStrings"/>).
/// </summary>
public sealed class LenientStringConverter : JsonConverter<string>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => "",
            JsonTokenType.String => JsonStrings.Get(ref reader),
            JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            _ => throw new JsonException($"expected a string, found {Describe(reader.TokenType)}"),
        };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonStrings.Get(ref reader);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value);

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "a mapping",
        JsonTokenType.StartArray => "a list",
        _ => token.ToString().ToLowerInvariant(),
    };
}
