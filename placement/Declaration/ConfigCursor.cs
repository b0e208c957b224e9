using System.Text.Json;
using System.Text.Json.Nodes;
using NodePools.Placement.Input;

namespace NodePools.Placement.Declaration;

/// <summary>
/// Collects every problem found while reading a declaration, each located by file, key and, when
/// the declaration came from YAML, line and column.
/// </summary>
public sealed class Diagnostics(ParsedDocument document, bool decrypted = false)
{
    private readonly List<InputError> _errors = [];

    /// <summary>Whether secrets arrive decrypted (the program reads Pulumi's config) or as secure: ciphertext (the stack file).</summary>
    public bool Decrypted { get; } = decrypted;

    public IReadOnlyList<InputError> Errors => _errors;

    public void Add(ConfigCursor at, string message) => _errors.Add(Locate(at, message));

    private InputError Locate(ConfigCursor at, string message)
    {
        var position = document.Map.Find(at.JsonPath);
        return new InputError(document.File, at.Key, message) { Line = position?.Line, Column = position?.Column };
    }
}

/// <summary>
/// A position in the declaration's JSON tree: reads typed values, and reports what is missing,
/// mistyped or out of range instead of throwing, so one pass finds every problem.
/// </summary>
public sealed class ConfigCursor
{
    private readonly Diagnostics _diagnostics;

    public ConfigCursor(JsonNode? node, string jsonPath, string key, Diagnostics diagnostics)
    {
        Node = node;
        JsonPath = jsonPath;
        Key = key;
        _diagnostics = diagnostics;
    }

    public JsonNode? Node { get; }

    /// <summary>System.Text.Json path into the source document (for line lookup).</summary>
    public string JsonPath { get; }

    /// <summary>The key as a user reads it: node-pools:pools.gpu.taints[0].effect.</summary>
    public string Key { get; }

    public bool Exists => Node is not null;

    /// <summary>Whether secrets arrive decrypted here (see <see cref="Diagnostics.Decrypted"/>).</summary>
    public bool Decrypted => _diagnostics.Decrypted;

    public void Error(string message) => _diagnostics.Add(this, message);

    /// <summary>A tree the stack derives rather than declares, read as if written here: its problems are reported at this key.</summary>
    public ConfigCursor Over(JsonNode node) => new(node, JsonPath, Key, _diagnostics);

    public ConfigCursor Property(string name) =>
        new(Node is JsonObject obj ? obj[name] : null, JsonPaths.Property(JsonPath, name), Key.Length == 0 ? name : $"{Key}.{name}", _diagnostics);

    private ConfigCursor Index(int index, JsonNode? node) =>
        new(node, JsonPaths.Index(JsonPath, index), $"{Key}[{index}]", _diagnostics);

    /// <summary>Reports keys outside <paramref name="known"/>, naming the closest known key (typos are the usual cause).</summary>
    public bool ExpectMapping(params string[] known)
    {
        if (Node is null)
            return false;
        if (Node is not JsonObject obj)
        {
            Error($"must be a mapping with keys {string.Join(", ", known)}");
            return false;
        }
        foreach (var (name, _) in obj)
        {
            if (known.Contains(name, StringComparer.Ordinal))
                continue;
            var closest = Suggest(name, known);
            Property(name).Error(closest is null
                ? $"unknown key \"{name}\" (known keys: {string.Join(", ", known)})"
                : $"unknown key \"{name}\": did you mean \"{closest}\"?");
        }
        return true;
    }

    public IEnumerable<(string Name, ConfigCursor Value)> Entries()
    {
        if (Node is null)
            yield break;
        if (Node is not JsonObject obj)
        {
            Error("must be a mapping of names to settings");
            yield break;
        }
        foreach (var (name, _) in obj.ToList())
            yield return (name, Property(name));
    }

    public IEnumerable<ConfigCursor> Items()
    {
        if (Node is null)
            yield break;
        if (Node is not JsonArray array)
        {
            Error("must be a list");
            yield break;
        }
        for (var i = 0; i < array.Count; i++)
            yield return Index(i, array[i]);
    }

    public string? String(bool required = false)
    {
        switch (Node)
        {
            case null:
                if (required)
                    Error("is required");
                return null;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number && !IsInteger(value.ToJsonString()):
                Error($"quote this value (\"{value.ToJsonString()}\"): unquoted, YAML reads it as a number and Pulumi passes it on as one, "
                      + "so trailing zeros are lost (1.30 becomes 1.3)");
                return null;
            case JsonValue value when Scalar(value) is { } text:
                return text;
            default:
                Error("must be a string");
                return null;
        }
    }

    public string RequiredString() => String(required: true) ?? "";

    public int? Int(int min, int max, bool required = false)
    {
        if (Node is null)
        {
            if (required)
                Error("is required");
            return null;
        }
        if (Node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.GetValue<JsonElement>().TryGetInt32(out var number)
            || Node is JsonValue text && text.GetValueKind() == JsonValueKind.String && int.TryParse(text.GetValue<string>(), out number))
        {
            if (number < min || number > max)
            {
                Error($"must be between {min} and {max} (found {number})");
                return null;
            }
            return number;
        }
        Error("must be a whole number");
        return null;
    }

    public bool Bool(bool fallback)
    {
        if (Node is null)
            return fallback;
        if (Node is JsonValue value)
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.True: return true;
                case JsonValueKind.False: return false;
                case JsonValueKind.String when value.GetValue<string>() is "true" or "false":
                    return value.GetValue<string>() == "true";
            }
        }
        Error("must be true or false");
        return fallback;
    }

    /// <summary>A list of strings; a single string is taken as a list of one.</summary>
    public IReadOnlyList<string> Strings()
    {
        if (Node is JsonValue)
            return String() is { } single ? [single] : [];
        return Items().Select(item => item.String(required: true)).OfType<string>().ToList();
    }

    /// <summary>A mapping of strings to strings; unquoted YAML numbers and booleans keep their text.</summary>
    public IReadOnlyDictionary<string, string> StringMap()
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in Entries())
        {
            if (value.String(required: true) is { } text)
                result[name] = text;
        }
        return result;
    }

    private static string? Scalar(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.Number => value.ToJsonString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    private static bool IsInteger(string text) => text.TrimStart('-').All(char.IsAsciiDigit);

    private static string? Suggest(string name, string[] known)
    {
        var best = known.Select(k => (Key: k, Distance: EditDistance(name.ToLowerInvariant(), k.ToLowerInvariant())))
            .OrderBy(candidate => candidate.Distance).FirstOrDefault();
        return best.Key is not null && best.Distance <= Math.Max(2, name.Length / 3) ? best.Key : null;
    }

    private static int EditDistance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}
