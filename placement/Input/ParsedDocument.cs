using System.Text.Json.Nodes;

namespace NodePools.Placement.Input;

/// <summary>One YAML or JSON document of a file, as a JSON tree plus where each value was written.</summary>
public sealed record ParsedDocument(string File, int Index, JsonNode? Root, SourceMap Map)
{
    /// <summary>An error about the value at <paramref name="jsonPath"/> in this document, located when possible.</summary>
    public InputError Error(string jsonPath, string message, bool multiDocument = true)
    {
        var position = Map.Find(jsonPath);
        return new InputError(File, JsonPaths.Readable(jsonPath), message)
        {
            Line = position?.Line,
            Column = position?.Column,
            Document = multiDocument ? Index : null,
        };
    }
}
