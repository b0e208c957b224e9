using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NodePools.Placement.Input;

/// <summary>
/// Reads YAML (one or more documents) or JSON (one or more values) into JSON trees, so one typed
/// model and one set of validators serve both. YAML goes through YamlDotNet's representation model
/// (no reflection, AOT-safe); plain scalars resolve with the YAML 1.2 core schema, and numbers keep
/// the text the user wrote.
/// </summary>
public static partial class StructuredText
{
    private const string StringTag = "tag:yaml.org,2002:str";

    [GeneratedRegex(@"\A-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex JsonNumber();

    /// <summary>Reads a file; a missing or unreadable file is an input error, not a crash.</summary>
    /// <summary>Larger files are refused before they are read: far above any stack file or a large cluster's `kubectl get -o yaml`.</summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    public static IReadOnlyList<ParsedDocument> LoadFile(string path)
    {
        string text;
        try
        {
            if (new FileInfo(path) is { Exists: true, Length: > MaxFileBytes } large)
                throw new InvalidInputException(new InputError(path, "", $"the file is {large.Length / (1024 * 1024)} MiB: files over {MaxFileBytes / (1024 * 1024)} MiB are refused"));
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InvalidInputException(new InputError(path, "", ex is FileNotFoundException or DirectoryNotFoundException
                ? "file not found"
                : $"cannot be read: {ex.Message}"));
        }
        return Parse(path, text);
    }

    public static IReadOnlyList<ParsedDocument> Parse(string file, string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        return trimmed.Length > 0 && trimmed[0] is '{' or '['
            ? ParseJson(file, text)
            : ParseYaml(file, text);
    }

    private static List<ParsedDocument> ParseJson(string file, string text)
    {
        var documents = new List<ParsedDocument>();
        var bytes = Encoding.UTF8.GetBytes(text);
        var lineStarts = JsonSourceMap.LineStarts(bytes);
        var options = new JsonReaderOptions
        {
            AllowMultipleValues = true,
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            MaxDepth = YamlTree.MaxDepth,
        };
        // The text is valid UTF-16 (invalid UTF-8 was read as U+FFFD); an escaped lone surrogate is the one
        // invalid string left, and the tree would throw on it wherever it is read.
        JsonStrings.ReplaceLoneSurrogateEscapes(bytes, options);
        var reader = new Utf8JsonReader(bytes, options);
        try
        {
            while (reader.Read())
            {
                // A copy of the reader maps positions and refuses duplicate keys before the tree is built.
                var map = JsonSourceMap.Build(reader, lineStarts, file, documents.Count + 1);
                documents.Add(new ParsedDocument(file, documents.Count + 1, JsonNode.Parse(ref reader), map));
            }
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException(new InputError(file, "", $"malformed JSON: {FirstSentence(ex.Message)}")
            {
                Line = (int?)ex.LineNumber + 1,
                Column = (int?)ex.BytePositionInLine + 1,
                Document = documents.Count + 1,
            });
        }
        return documents;
    }

    private static List<ParsedDocument> ParseYaml(string file, string text)
    {
        IReadOnlyList<YamlTreeDocument> trees;
        try
        {
            trees = YamlTree.Read(text, DuplicateKeys.Refuse);
        }
        catch (YamlException ex)
        {
            throw new InvalidInputException(new InputError(file, "", $"malformed YAML: {Innermost(ex).Message}")
            {
                Line = (int)ex.Start.Line,
                Column = (int)ex.Start.Column,
            });
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet fails this way, without a position, on some malformed input (found by fuzzing).
            throw new InvalidInputException(new InputError(file, "", $"malformed YAML: the file could not be read as YAML ({ex.Message})"));
        }
        return trees.Select((tree, index) => new ParsedDocument(file, index + 1, tree.Root, tree.Map)).ToList();
    }

    private static JsonNode? Scalar(YamlScalarNode scalar) => Scalar(scalar.Value ?? "", scalar.Style, scalar.Tag);

    /// <summary>A scalar resolved with the YAML 1.2 core schema; quoted or !!str-tagged text stays a string.</summary>
    internal static JsonNode? Scalar(string value, ScalarStyle style, TagName tag)
    {
        if (style != ScalarStyle.Plain || (tag is { IsEmpty: false, IsNonSpecific: false } && tag.Value == StringTag))
            return JsonValue.Create(value);
        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }
        // Parsing the text keeps it as written ("1.10" stays "1.10" when read back as a string).
        return JsonNumber().IsMatch(value) ? JsonNode.Parse(value) : JsonValue.Create(value);
    }

    private static Exception Innermost(Exception ex) => ex.InnerException is { } inner ? Innermost(inner) : ex;

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd(' ', '|', '.');
    }
}
