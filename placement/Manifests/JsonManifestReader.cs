using System.Text.Json;
using NodePools.Placement.Input;
using NodePools.Placement.Kubernetes;

namespace NodePools.Placement.Manifests;

/// <summary>
/// Reads large JSON manifests (`kubectl get pods -A -o json` of a whole cluster) object by object:
/// the bytes are held once, each object is bound straight to the few fields placement reads, and
/// no tree of the whole file is built. Values, lists and several top-level values are all accepted.
/// </summary>
internal static class JsonManifestReader
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        AllowMultipleValues = true,
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = YamlTree.MaxDepth,
    };

    /// <summary>Each top-level object, or each item of a List, with its document number and readable path.</summary>
    public static IEnumerable<(T Item, int Document, string Path)> Read<T>(string file, byte[] bytes, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, List<InputError> errors)
        where T : class
    {
        var results = new List<(T, int, string)>();
        var lineStarts = JsonSourceMap.LineStarts(bytes);
        var reader = new Utf8JsonReader(bytes, ReaderOptions);
        var document = 0;
        try
        {
            while (reader.Read())
            {
                document++;
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    errors.Add(Error(file, document, "", "expected a Kubernetes object (a mapping with apiVersion and kind)", reader, lineStarts));
                    reader.Skip();
                    continue;
                }
                if (ItemsOf(reader) is { } hasItems && hasItems)
                {
                    // A List: find "items" and bind each element.
                    var depth = reader.CurrentDepth;
                    while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
                    {
                        if (reader.TokenType != JsonTokenType.PropertyName)
                            continue;
                        var isItems = reader.ValueTextEquals("items");
                        reader.Read();
                        if (!isItems)
                        {
                            reader.Skip();
                            continue;
                        }
                        var index = 0;
                        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        {
                            var path = $"items[{index++}]";
                            if (reader.TokenType != JsonTokenType.StartObject)
                            {
                                errors.Add(Error(file, document, path, "expected a Kubernetes object (a mapping with apiVersion and kind)", reader, lineStarts));
                                reader.Skip();
                                continue;
                            }
                            if (Bind(ref reader, type, file, document, path, lineStarts, errors) is { } item)
                                results.Add((item, document, path));
                        }
                    }
                }
                else if (Bind(ref reader, type, file, document, "", lineStarts, errors) is { } single)
                {
                    results.Add((single, document, ""));
                }
            }
        }
        catch (JsonException ex)
        {
            errors.Add(new InputError(file, "", $"malformed JSON: {ex.Message.Split(" LineNumber:")[0].TrimEnd(' ', '|', '.')}")
            {
                Line = (int?)ex.LineNumber + 1,
                Column = (int?)ex.BytePositionInLine + 1,
                Document = document,
            });
        }
        return results;
    }

    /// <summary>Whether the object at the reader holds an "items" list (a copy of the reader looks ahead).</summary>
    private static bool? ItemsOf(Utf8JsonReader reader)
    {
        var depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
                continue;
            var isItems = reader.ValueTextEquals("items");
            reader.Read();
            if (isItems)
                return reader.TokenType == JsonTokenType.StartArray;
            reader.Skip();
        }
        return false;
    }

    private static T? Bind<T>(ref Utf8JsonReader reader, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string file, int document, string path,
        IReadOnlyList<long> lineStarts, List<InputError> errors) where T : class
    {
        var start = reader;
        try
        {
            return JsonSerializer.Deserialize(ref reader, type);
        }
        catch (JsonException ex)
        {
            // The object is malformed for its type: report it where it starts and go on with the next.
            errors.Add(Error(file, document, path + (ex.Path is { Length: > 1 } inner ? inner[1..] : ""), TypedReader.Describe(ex), start, lineStarts));
            reader = start;
            reader.Skip();
            return null;
        }
    }

    private static InputError Error(string file, int document, string path, string message, Utf8JsonReader at, IReadOnlyList<long> lineStarts)
    {
        var (line, column) = JsonSourceMap.Position(at.TokenStartIndex, lineStarts);
        return new InputError(file, path.TrimStart('.'), message) { Line = line, Column = column, Document = document };
    }
}
