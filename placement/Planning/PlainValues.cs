using System.Globalization;
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

    private static object? Scalar(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => Number(value.ToJsonString()),
        _ => null,
    };

    // Boxed one by one: a conditional expression would widen every branch to double.
    private static object Number(string text)
    {
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var small))
            return small;
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var large))
            return large;
        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
