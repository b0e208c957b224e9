using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace NodePools.Placement.Input;

/// <summary>Binds part of a parsed document to a typed model, turning type mismatches into located input errors.</summary>
public static class TypedReader
{
    public static T? Read<T>(ParsedDocument document, JsonNode? node, string path, JsonTypeInfo<T> type, List<InputError> errors)
    {
        var before = errors.Count;
        foreach (var (at, problem) in Unbindable(node, path, MaxDepth(type), 1))
            errors.Add(document.Error(at, problem));
        if (errors.Count > before)
            return default;
        try
        {
            return node is null ? default : node.Deserialize(type);
        }
        catch (JsonException ex)
        {
            var relative = ex.Path ?? JsonPaths.Root;
            var full = relative == JsonPaths.Root ? path : path + relative[1..];
            errors.Add(document.Error(full, Describe(ex)));
            return default;
        }
    }

    /// <summary>How deep a tree the serializer binds (it writes the tree out and reads it back, and a writer refuses past this).</summary>
    private static int MaxDepth(JsonTypeInfo type) => type.Options.MaxDepth == 0 ? 64 : type.Options.MaxDepth;

    /// <summary>
    /// What the serializer cannot bind, found before it tries: null items in lists (Go would decode them
    /// as empty structs; they are always a mistake), and values nested past its depth, which it would
    /// refuse with an exception rather than an error in the file.
    /// </summary>
    private static IEnumerable<(string Path, string Problem)> Unbindable(JsonNode? node, string path, int maxDepth, int depth)
    {
        if (node is JsonArray or JsonObject && depth > maxDepth)
        {
            yield return (path, $"nested deeper than {maxDepth} levels: no Kubernetes field is");
            yield break;
        }
        switch (node)
        {
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var itemPath = JsonPaths.Index(path, i);
                    if (array[i] is null)
                        yield return (itemPath, "a list item cannot be null");
                    foreach (var nested in Unbindable(array[i], itemPath, maxDepth, depth + 1))
                        yield return nested;
                }
                break;
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    foreach (var nested in Unbindable(value, JsonPaths.Property(path, key), maxDepth, depth + 1))
                        yield return nested;
                }
                break;
        }
    }

    internal static string Describe(JsonException ex)
    {
        var message = ex.Message;
        if (message.StartsWith("expected ", StringComparison.Ordinal))
            return message;
        if (message.Contains("could not be converted to", StringComparison.Ordinal))
            return $"the value has the wrong type here (expected {Friendly(message)})";
        if (message.Contains("null", StringComparison.OrdinalIgnoreCase))
            return "must not be null";
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    // "... could not be converted to System.Collections.Generic.List`1[NodePools...Taint]. Path: ..."
    private static string Friendly(string message)
    {
        var start = message.IndexOf("converted to ", StringComparison.Ordinal) + "converted to ".Length;
        var end = message.IndexOf(". Path:", start, StringComparison.Ordinal);
        var type = end > start ? message[start..end] : message[start..];
        if (type.StartsWith("System.Collections.Generic.List", StringComparison.Ordinal))
            return "a list";
        if (type.StartsWith("System.Collections.Generic.Dictionary", StringComparison.Ordinal))
            return "a mapping of strings to strings";
        return type switch
        {
            "System.String" => "a string",
            "System.Int32" or "System.Int64" or "System.Nullable`1[System.Int64]" or "System.Nullable`1[System.Int32]" => "an integer",
            "System.Boolean" => "true or false",
            _ => "a mapping",
        };
    }
}
