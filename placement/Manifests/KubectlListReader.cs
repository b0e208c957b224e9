using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using NodePools.Placement.Input;

namespace NodePools.Placement.Manifests;

/// <summary>
/// The fast path for what kubectl writes: one List whose items are objects. Each item is found by its
/// brackets and strings alone (<see cref="Extent"/>) and then bound from exactly its bytes, so the JSON is
/// tokenized once — System.Text.Json's binding from a reader scans a value to its end before reading it,
/// which on a cluster's snapshot doubles the cost. Anything else (several top-level values, comments,
/// a malformed or invalid UTF-8 item, a null list item) makes it give up and return false: the caller
/// then drops what it was handed and reads the file with <see cref="JsonManifestReader"/>, which reads
/// every shape and says where each problem is. Items are handed over as they are bound, never held.
/// </summary>
internal static class KubectlListReader
{
    private const int InitialBuffer = 4 << 20;

    private static readonly SearchValues<byte> Structure = SearchValues.Create("{}[]\""u8);
    private static readonly SearchValues<byte> StringEnd = SearchValues.Create("\"\\"u8);

    private static readonly JsonReaderOptions HeadOptions = new() { MaxDepth = YamlTree.MaxDepth };

    /// <summary>Hands over every item of the file's List, bound, with its index and file offset; false when the file is not a plain List.</summary>
    public static bool TryRead<T>(string file, JsonTypeInfo<T> type, Action<T, int, long> each) where T : class
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var buffer = new byte[InitialBuffer];
        var end = Fill(stream, buffer, 0);
        long offset = 0; // file offset of buffer[0]
        if (ItemsStart(buffer.AsSpan(0, end)) is not { } start)
            return false;
        var at = start;
        var index = 0;
        var afterItem = false;
        while (true)
        {
            at = SkipWhitespace(buffer, at, end);
            if (at == end)
            {
                // Keep the unread tail, read on.
                (buffer, end, offset, at) = Refill(stream, buffer, end, offset, at);
                if (at == end)
                    return false; // the file ends inside the List
                continue;
            }
            var next = buffer[at];
            if (next == (byte)']')
                return Tail(stream, buffer.AsSpan(at + 1, end - at - 1));
            if (afterItem)
            {
                if (next != (byte)',')
                    return false;
                at++;
                afterItem = false;
                continue;
            }
            if (next != (byte)'{')
                return false;
            var length = Extent(buffer.AsSpan(at, end - at));
            if (length < 0)
            {
                var before = end - at;
                (buffer, end, offset, at) = Refill(stream, buffer, end, offset, at);
                if (end - at == before)
                    return false; // the file ends inside the item
                continue;
            }
            T? item;
            try
            {
                item = JsonSerializer.Deserialize(buffer.AsSpan(at, length), type);
            }
            catch (JsonException)
            {
                return false;
            }
            if (item is null || NullListItems.In(item, type).Count > 0)
                return false;
            each(item, index++, offset + at);
            at += length;
            afterItem = true;
        }
    }

    /// <summary>
    /// The length of the object or array that starts the span, from its brackets and strings alone (a
    /// string's brackets do not count; an escaped quote does not end it); -1 when it does not end within
    /// the span. Whether it is valid JSON is for the binding to say.
    /// </summary>
    public static int Extent(ReadOnlySpan<byte> span)
    {
        var depth = 0;
        var i = 0;
        while (i < span.Length)
        {
            var next = span[i..].IndexOfAny(Structure);
            if (next < 0)
                return -1;
            i += next;
            switch (span[i])
            {
                case (byte)'"':
                    i++;
                    while (true)
                    {
                        var stop = i < span.Length ? span[i..].IndexOfAny(StringEnd) : -1;
                        if (stop < 0)
                            return -1;
                        i += stop;
                        if (span[i] == (byte)'"')
                            break;
                        i += 2; // a backslash and the character it escapes
                    }
                    break;
                case (byte)'{' or (byte)'[':
                    depth++;
                    break;
                default:
                    if (--depth == 0)
                        return i + 1;
                    break;
            }
            i++;
        }
        return -1;
    }

    /// <summary>Where the items array's first item may start: after `"items": [`, with only short properties before it.</summary>
    private static int? ItemsStart(ReadOnlySpan<byte> head)
    {
        var reader = new Utf8JsonReader(head, isFinalBlock: false, new JsonReaderState(HeadOptions));
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var items = reader.ValueTextEquals("items"u8);
                if (!reader.Read())
                    return null;
                if (items)
                    return reader.TokenType == JsonTokenType.StartArray ? (int)reader.BytesConsumed : null;
                if (!reader.TrySkip())
                    return null;
            }
        }
        catch (JsonException)
        {
        }
        return null;
    }

    /// <summary>Whether what follows the items is the rest of one object and nothing after it: checked by reading it as an object of its own.</summary>
    private static bool Tail(Stream stream, ReadOnlySpan<byte> afterItems)
    {
        const int Limit = 1 << 20; // a List's own metadata is small: past this, something else follows
        using var rest = new MemoryStream();
        rest.Write("{\"items\":[]"u8);
        rest.Write(afterItems);
        var chunk = new byte[1 << 16];
        int read;
        while (rest.Length <= Limit && (read = stream.Read(chunk)) > 0)
            rest.Write(chunk, 0, read);
        if (rest.Length > Limit)
            return false;
        var reader = new Utf8JsonReader(rest.GetBuffer().AsSpan(0, (int)rest.Length), new JsonReaderOptions { MaxDepth = YamlTree.MaxDepth });
        try
        {
            while (reader.Read())
            {
            }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static int SkipWhitespace(byte[] buffer, int at, int end)
    {
        while (at < end && buffer[at] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
            at++;
        return at;
    }

    /// <summary>Moves the unread bytes to the front (growing the buffer when they fill it) and reads more after them.</summary>
    private static (byte[] Buffer, int End, long Offset, int At) Refill(Stream stream, byte[] buffer, int end, long offset, int at)
    {
        var kept = end - at;
        if (kept == buffer.Length)
            Array.Resize(ref buffer, buffer.Length * 2);
        Buffer.BlockCopy(buffer, at, buffer, 0, kept);
        return (buffer, Fill(stream, buffer, kept), offset + at, 0);
    }

    private static int Fill(Stream stream, byte[] buffer, int end)
    {
        int read;
        while (end < buffer.Length && (read = stream.Read(buffer, end, buffer.Length - end)) > 0)
            end += read;
        return end;
    }
}
