using System.Text.Json;

namespace NodePools.Placement.Input;

/// <summary>
/// Where each value of a JSON document was written, and the first key written twice in one object:
/// System.Text.Json reads duplicates without a word and fails only when the object is first used,
/// with no position. One pass over the tokens of a copy of the reader, before the tree is built.
/// </summary>
internal static class JsonSourceMap
{
    private sealed class Frame(string path, bool isObject)
    {
        public string Path { get; } = path;
        public bool IsObject { get; } = isObject;
        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);
        public string Key { get; set; } = "";
        public int Index { get; set; }
    }

    /// <param name="reader">A copy of the reader, on the first token of the value.</param>
    /// <param name="lineStarts">Byte offsets at which each line of the text starts.</param>
    public static SourceMap Build(Utf8JsonReader reader, IReadOnlyList<long> lineStarts, string file, int document)
    {
        var map = new SourceMap();
        Walk(reader, (path, offset) =>
        {
            var (line, column) = Position(offset, lineStarts);
            map.Add(path, line, column);
        }, (frame, offset) =>
        {
            if (frame.Keys.Add(frame.Key))
                return;
            var (line, column) = Position(offset, lineStarts);
            throw new InvalidInputException(new InputError(file, JsonPaths.Readable(frame.Path), $"duplicate key \"{frame.Key}\": a key is written once in an object")
            {
                Line = line, Column = column, Document = document,
            });
        });
        return map;
    }

    /// <summary>
    /// Where the value at <paramref name="path"/> (or its nearest ancestor) starts, in bytes from the
    /// reader's first token: the place of an error found in an object after it was bound.
    /// </summary>
    /// <param name="reader">A copy of the reader, on the first token of the object; all of it in the reader's buffer.</param>
    public static long Offset(Utf8JsonReader reader, string path)
    {
        var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
        Walk(reader, (at, offset) => offsets.TryAdd(at, offset), null);
        for (var current = path; current.Length > 0; current = JsonPaths.Parent(current))
        {
            if (offsets.TryGetValue(current, out var offset))
                return offset;
        }
        return 0;
    }

    /// <summary>Every value of the value at the reader, with its path and offset; and every key, with its object.</summary>
    private static void Walk(Utf8JsonReader reader, Action<string, long> value, Action<Frame, long>? key)
    {
        var frames = new Stack<Frame>();
        while (true)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    var frame = frames.Peek();
                    frame.Key = JsonStrings.Get(ref reader);
                    key?.Invoke(frame, reader.TokenStartIndex);
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    var path = NextPath(frames);
                    value(path, reader.TokenStartIndex);
                    frames.Push(new Frame(path, reader.TokenType == JsonTokenType.StartObject));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    frames.Pop();
                    if (frames.Count == 0)
                        return;
                    break;
                case JsonTokenType.Comment or JsonTokenType.None:
                    break;
                default:
                    value(NextPath(frames), reader.TokenStartIndex);
                    if (frames.Count == 0)
                        return;
                    break;
            }
            if (!reader.Read())
                return;
        }
    }

    public static List<long> LineStarts(ReadOnlySpan<byte> text)
    {
        var starts = new List<long> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == (byte)'\n')
                starts.Add(i + 1);
        }
        return starts;
    }

    private static string NextPath(Stack<Frame> frames)
    {
        if (frames.Count == 0)
            return JsonPaths.Root;
        var parent = frames.Peek();
        return parent.IsObject ? JsonPaths.Property(parent.Path, parent.Key) : JsonPaths.Index(parent.Path, parent.Index++);
    }

    public static (int Line, int Column) Position(long offset, IReadOnlyList<long> lineStarts)
    {
        var low = 0;
        var high = lineStarts.Count - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (lineStarts[middle] <= offset)
                low = middle;
            else
                high = middle - 1;
        }
        return (low + 1, (int)(offset - lineStarts[low]) + 1);
    }
}
