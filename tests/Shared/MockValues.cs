using System.Collections;
using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace NodePools.Tests.Shared;

/// <summary>Mock inputs (immutable dictionaries, arrays, doubles) as JSON, to compare with what the plan derived.</summary>
public static class MockValues
{
    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        double number when number == Math.Floor(number) && Math.Abs(number) < 1e15 => JsonValue.Create((long)number),
        double number => JsonValue.Create(number),
        int number => JsonValue.Create(number),
        long number => JsonValue.Create(number),
        IDictionary dictionary => new JsonObject(dictionary.Keys.Cast<object>()
            .Select(key => new KeyValuePair<string, JsonNode?>((string)key, ToJson(dictionary[key])))),
        IEnumerable list => new JsonArray(list.Cast<object?>().Select(ToJson).ToArray()),
        _ => JsonValue.Create(value.ToString()),
    };

    public static ImmutableDictionary<string, object> Map(object value) => (ImmutableDictionary<string, object>)value;
}
