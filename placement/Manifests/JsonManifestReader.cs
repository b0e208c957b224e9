using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using NodePools.Placement.Input;

namespace NodePools.Placement.Manifests;

/// <summary>
/// Reads large JSON manifests (`kubectl get pods -A -o json` of a whole cluster) object by object
/// from the file, through a buffer that holds one object at a time (it grows for a larger one):
/// neither the text nor a tree of it is ever held whole. Each object is bound straight to the few
/// fields placement reads. A List (its items), a single object and several top-level values are read.
/// </summary>
internal sealed class JsonManifestReader
{
    private const int InitialBuffer = 1 << 20;

    private static readonly JsonReaderOptions CommentedOptions = new()
    {
        AllowMultipleValues = true,
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = YamlTree.MaxDepth,
    };

    // What kubectl writes has no comments, and the reader is markedly faster without the comment path.
    private static readonly JsonReaderOptions StrictOptions = new()
    {
        AllowMultipleValues = true,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = true,
        MaxDepth = YamlTree.MaxDepth,
    };

    private readonly Stream _stream;
    private readonly string _file;
    private byte[] _buffer = new byte[InitialBuffer];
    private int _start;      // first byte not yet consumed
    private int _end;        // end of the bytes read
    private long _offset;    // file offset of _buffer[0]
    private int _keep = -1;  // bytes from here on are kept by Fill (the start of an object not yet decided), or -1
    private bool _final;
    private readonly JsonReaderOptions _options;
    private JsonReaderState _state;
    private readonly List<(int Index, long Offset)> _unplaced = [];

    private JsonManifestReader(Stream stream, string file, bool comments)
    {
        _stream = stream;
        _file = file;
        _options = comments ? CommentedOptions : StrictOptions;
        _state = new JsonReaderState(_options);
    }

    /// <summary>Each top-level object, or each item of a List, with its document number, readable path and file offset (for <see cref="Place"/>).</summary>
    public static List<(T Item, int Document, string Path, long Offset)> Read<T>(string file, JsonTypeInfo<T> type, List<InputError> errors) where T : class
    {
        var results = new List<(T, int, string, long)>();
        Read(file, type, errors, (item, document, path, offset) => results.Add((item, document, path, offset)));
        return results;
    }

    /// <summary>
    /// The same, handing each object to <paramref name="each"/> as soon as it is bound, so the caller keeps
    /// only what it needs of it (a cluster's pods would not fit in memory as bound objects).
    /// </summary>
    /// <param name="comments">Whether // and /* */ comments are skipped (files people write) or refused (what kubectl writes, read faster).</param>
    public static void Read<T>(string file, JsonTypeInfo<T> type, List<InputError> errors, Action<T, int, string, long> each, bool comments = true) where T : class
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        new JsonManifestReader(stream, file, comments).ReadAll(type, errors, each);
    }

    private void ReadAll<T>(JsonTypeInfo<T> type, List<InputError> errors, Action<T, int, string, long> results) where T : class
    {
        var document = 0;
        try
        {
            Fill();
            while (true)
            {
                // Top level: the next value.
                if (!Next(out var token, out _))
                    break;
                document++;
                if (token != JsonTokenType.StartObject)
                {
                    Report(errors, document, "", "expected a Kubernetes object (a mapping with apiVersion and kind)", _offset + _start);
                    SkipValue();
                    continue;
                }
                ReadTopObject(type, document, results, errors);
            }
        }
        catch (JsonException ex)
        {
            errors.Add(new InputError(_file, "", $"malformed JSON: {ex.Message.Split(" LineNumber:")[0].TrimEnd(' ', '|', '.')}")
            {
                Line = (int?)ex.LineNumber + 1,
                Column = (int?)ex.BytePositionInLine + 1,
                Document = Math.Max(document, 1),
            });
        }
        Place(_stream, errors, _unplaced);
    }

    /// <summary>
    /// A top-level object: a List when "items" (an array) comes before anything but apiVersion or a
    /// kind ending in "List"; otherwise one object, bound whole from its start.
    /// </summary>
    private void ReadTopObject<T>(JsonTypeInfo<T> type, int document, Action<T, int, string, long> results, List<InputError> errors) where T : class
    {
        _keep = _start - 1; // the '{' just consumed: kept until the object is known to be a List or not
        var at = _offset + _keep;
        var isList = false;
        while (true)
        {
            if (!Next(out var token, out var name))
                throw new JsonException("the object is not closed");
            if (token == JsonTokenType.EndObject)
                break;
            // A property name: decide on it.
            if (name == "items")
            {
                if (!Next(out token, out _) || token != JsonTokenType.StartArray)
                    break;
                isList = true;
                _keep = -1;
                ReadItems(type, document, results, errors);
                continue;
            }
            if (name == "apiVersion" || (name == "kind" && !isList && PeekStringEndsWith("List")) || isList)
            {
                SkipValue();
                continue;
            }
            // Anything else before items: this is one object. Bind it from its start.
            _start = _keep;
            _keep = -1;
            RestoreStateTopLevel();
            if (Bind(type, document, "", errors) is { } item)
                results(item, document, "", at);
            return;
        }
    }

    private void ReadItems<T>(JsonTypeInfo<T> type, int document, Action<T, int, string, long> results, List<InputError> errors) where T : class
    {
        var index = 0;
        while (true)
        {
            var (token, at) = Peek();
            if (token == JsonTokenType.EndArray)
            {
                Next(out _, out _);
                return;
            }
            if (token == JsonTokenType.None)
                throw new JsonException("the items list is not closed");
            var path = $"items[{index++}]";
            if (token != JsonTokenType.StartObject)
            {
                Report(errors, document, path, "expected a Kubernetes object (a mapping with apiVersion and kind)", at);
                SkipValue();
                continue;
            }
            if (Bind(type, document, path, errors) is { } item)
                results(item, document, path, at);
        }
    }

    /// <summary>Binds the value at the reader position, once all of it is in the buffer; a malformed one is reported and skipped.</summary>
    private T? Bind<T>(JsonTypeInfo<T> type, int document, string path, List<InputError> errors) where T : class
    {
        // Keep a good stretch ahead in the buffer, so an object is nearly always whole when bound.
        if (!_final && _end - _start < _buffer.Length / 4)
            Fill();
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
            // A reader made from a saved state reports the state's last token: move it onto the value's first.
            if (!reader.Read())
            {
                if (_final)
                    throw new JsonException("unexpected end of the file");
                Fill();
                continue;
            }
            var origin = _offset + _start; // the file offset the reader's positions count from
            var start = reader;
            try
            {
                var item = JsonSerializer.Deserialize(ref reader, type);
                Advance(ref reader);
                return Checked(item, type, start, origin, document, path, errors);
            }
            catch (JsonException) when (!Complete(start))
            {
                if (_final)
                    throw; // the file ends inside the object: malformed JSON, reported where the reader stopped
                Fill(); // the object runs past the buffer: read on, and bind it again
            }
            catch (JsonException ex)
            {
                var skip = start;
                skip.TrySkip();
                var whole = _buffer.AsSpan(_start + (int)start.TokenStartIndex, (int)(skip.BytesConsumed - start.TokenStartIndex));
                var repaired = JsonStrings.Repaired(whole, _options);
                if (repaired is null)
                {
                    var at = ex.Path ?? JsonPaths.Root;
                    Report(errors, document, path + at[1..], TypedReader.Describe(ex), origin + JsonSourceMap.Offset(start, at));
                }
                Advance(ref skip);
                return repaired is null ? null : BindRepaired(repaired, type, origin + start.TokenStartIndex, document, path, errors);
            }
        }
    }

    /// <summary>
    /// An object whose strings held invalid UTF-8 (or a lone surrogate), bound from its copy with them
    /// read as the API server reads them. Positions are the copy's: lines as in the file (nothing
    /// rewritten holds a line break), columns possibly past where the file has them.
    /// </summary>
    private T? BindRepaired<T>(byte[] json, JsonTypeInfo<T> type, long origin, int document, string path, List<InputError> errors) where T : class
    {
        var reader = new Utf8JsonReader(json, _options);
        reader.Read();
        var start = reader;
        try
        {
            return Checked(JsonSerializer.Deserialize(ref reader, type), type, start, origin, document, path, errors);
        }
        catch (JsonException ex)
        {
            var at = ex.Path ?? JsonPaths.Root;
            Report(errors, document, path + at[1..], TypedReader.Describe(ex), origin + JsonSourceMap.Offset(start, at));
            return null;
        }
    }

    /// <summary>The bound object, or null with an error for each null list item (bound without a word, refused before anything reads the lists).</summary>
    private T? Checked<T>(T? item, JsonTypeInfo<T> type, Utf8JsonReader start, long origin, int document, string path, List<InputError> errors) where T : class
    {
        var nulls = item is null ? [] : NullListItems.In(item, type);
        foreach (var at in nulls)
            Report(errors, document, path + at[1..], "a list item cannot be null", origin + JsonSourceMap.Offset(start, at));
        return nulls.Count == 0 ? item : null;
    }

    /// <summary>Whether the value starting at the reader is wholly in the buffer.</summary>
    private static bool Complete(Utf8JsonReader reader)
    {
        try
        {
            return reader.TrySkip();
        }
        catch (JsonException)
        {
            return false; // at the end of the file a reader throws rather than answer
        }
    }

    /// <summary>Reads the next token (and a property's name), refilling the buffer as needed; false at the end of the file.</summary>
    private bool Next(out JsonTokenType token, out string? name)
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
            if (reader.Read())
            {
                token = reader.TokenType;
                name = token == JsonTokenType.PropertyName ? JsonStrings.Get(ref reader) : null;
                Advance(ref reader);
                return true;
            }
            if (_final)
            {
                token = JsonTokenType.None;
                name = null;
                return false;
            }
            Fill();
        }
    }

    /// <summary>The next token and its file offset, without consuming it; None at the end of the file.</summary>
    private (JsonTokenType Token, long Offset) Peek()
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
            if (reader.Read())
                return (reader.TokenType, _offset + _start + reader.TokenStartIndex);
            if (_final)
                return (JsonTokenType.None, _offset + _end);
            Fill();
        }
    }

    /// <summary>Skips the next value (a scalar, or an object or array with all it holds), refilling as needed.</summary>
    private void SkipValue()
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
            if (reader.Read() && reader.TrySkip())
            {
                Advance(ref reader);
                return;
            }
            if (_final)
                throw new JsonException("unexpected end of the file");
            Fill();
        }
    }

    private bool PeekStringEndsWith(string suffix)
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
            if (reader.Read())
                return reader.TokenType == JsonTokenType.String && JsonStrings.Get(ref reader).EndsWith(suffix, StringComparison.Ordinal);
            if (_final)
                return false;
            Fill();
        }
    }

    private void Advance(ref Utf8JsonReader reader)
    {
        _start += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
    }

    private void RestoreStateTopLevel() => _state = new JsonReaderState(_options);

    /// <summary>Moves what is left to the front, grows the buffer if it is full, and reads more of the file.</summary>
    private void Fill()
    {
        if (_final)
            return;
        var from = _keep >= 0 ? Math.Min(_keep, _start) : _start;
        if (from > 0)
        {
            Buffer.BlockCopy(_buffer, from, _buffer, 0, _end - from);
            _offset += from;
            _start -= from;
            _end -= from;
            if (_keep >= 0)
                _keep -= from;
        }
        if (_end == _buffer.Length)
            Array.Resize(ref _buffer, _buffer.Length * 2);
        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        _end += read;
        _final = read == 0;
    }

    /// <summary>An error at a file offset; its line and column are worked out with every other's, in one pass, at the end.</summary>
    private void Report(List<InputError> errors, int document, string path, string message, long offset)
    {
        errors.Add(new InputError(_file, path.TrimStart('.'), message) { Document = document });
        _unplaced.Add((errors.Count - 1, offset));
    }

    /// <summary>
    /// Gives the errors at <paramref name="unplaced"/> (index into <paramref name="errors"/>, file offset)
    /// their line and column: one pass over the file for all of them, however many (errors are rare;
    /// the file may be large, and a pass per error would read it once per error).
    /// </summary>
    public static void Place(string file, List<InputError> errors, IReadOnlyList<(int Index, long Offset)> unplaced)
    {
        if (unplaced.Count == 0)
            return;
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Place(stream, errors, unplaced);
    }

    private static void Place(Stream stream, List<InputError> errors, IReadOnlyList<(int Index, long Offset)> unplaced)
    {
        if (unplaced.Count == 0)
            return;
        var position = stream.Position;
        try
        {
            stream.Position = 0;
            var line = 1;
            long lineStart = 0;
            long read = 0;
            var chunk = new byte[1 << 16];
            foreach (var (index, offset) in unplaced.OrderBy(u => u.Offset))
            {
                // Count line breaks up to this offset, on from where the last one stopped.
                while (read < offset)
                {
                    var count = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, offset - read));
                    if (count == 0)
                        break;
                    for (var i = 0; i < count; i++)
                    {
                        if (chunk[i] == (byte)'\n')
                        {
                            line++;
                            lineStart = read + i + 1;
                        }
                    }
                    read += count;
                }
                errors[index] = errors[index] with { Line = line, Column = (int)(offset - lineStart) + 1 };
            }
        }
        finally
        {
            stream.Position = position;
        }
    }
}
