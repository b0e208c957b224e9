using System.Text.Json.Nodes;

namespace NodePools.Placement.Models;

/// <summary>Small readers of custom resources' JSON, lenient as operators are: a missing or mistyped field is its default.</summary>
internal static class OperatorJson
{
    public static JsonObject Object(JsonNode? node) => node as JsonObject ?? new JsonObject();

    public static IEnumerable<JsonObject> Objects(JsonNode? node) => node is JsonArray array ? array.OfType<JsonObject>() : [];

    public static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>An integer field; YAML numbers reach us as JSON numbers, a quoted number is not an integer to the API server either.</summary>
    public static int? Integer(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<double>(out var number) && number == Math.Floor(number) && Math.Abs(number) < int.MaxValue ? (int)number : null;

    public static bool Bool(JsonNode? node) => node is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;

    /// <summary>A container with its resources, as pod specs hold it.</summary>
    public static JsonObject Container(string name, JsonNode? resources)
    {
        var container = new JsonObject { ["name"] = name };
        if (resources is JsonObject { Count: > 0 })
            container["resources"] = resources.DeepClone();
        return container;
    }

    /// <summary>requests and limits of a fixed size, as an operator's own sidecars carry them.</summary>
    public static JsonObject Resources(string cpuRequest, string memoryRequest, string cpuLimit, string memoryLimit) => new()
    {
        ["requests"] = new JsonObject { ["cpu"] = cpuRequest, ["memory"] = memoryRequest },
        ["limits"] = new JsonObject { ["cpu"] = cpuLimit, ["memory"] = memoryLimit },
    };
}
