using System.Text.Json;
using System.Text.Json.Nodes;

namespace NodePools.Placement.Planning;

/// <summary>JSON trees as plain .NET objects: dictionaries (ordered by key), lists, strings, booleans, numbers.</summary>
public static class PlainValues
{
    public static IDictionary<string, object?> From(JsonObject obj)
    {
        var result = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in obj)
            result[key] = Convert(value);
        return result;
    }

    public static object? Convert(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => From(obj),
        JsonArray array => array.Select(Convert).ToList(),
        JsonValue value => Scalar(value),
        _ => null,
    };

    private static object? Scalar(JsonValue value)
    {
        var element = value.GetValue<JsonElement>();
        return element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when element.TryGetInt32(out var small) => small,
            JsonValueKind.Number when element.TryGetInt64(out var large) => large,
            JsonValueKind.Number => element.GetDouble(),
            _ => null,
        };
    }
}
