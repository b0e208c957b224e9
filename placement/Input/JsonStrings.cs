using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace NodePools.Placement.Input;

/// <summary>
/// JSON strings decoded as the API server decodes them (Go's encoding/json): invalid UTF-8 and
/// unpaired UTF-16 surrogates are not errors, each invalid byte or lone surrogate reads as U+FFFD.
/// System.Text.Json instead throws when such a string is read; nothing downstream (a writer, a
/// dictionary) then ever sees an invalid string.
/// </summary>
public static class JsonStrings
{
    private const char Replacement = '\uFFFD';

    /// <summary>The string or property name at the reader, as Go would decode it.</summary>
    public static string Get(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString() ?? "";
        }
        catch (InvalidOperationException) when (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
        {
            // Rare: only a string holding invalid text takes this path.
            return Decode(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
        }
    }

    /// <summary>A string's raw JSON text (between the quotes, escapes unresolved) decoded as Go's unquote does.</summary>
    public static string Decode(ReadOnlySpan<byte> raw)
    {
        var text = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length;)
        {
            if (raw[i] == (byte)'\\' && i + 1 < raw.Length)
            {
                i = Escape(raw, i, text);
                continue;
            }
            if (raw[i] < 0x80)
            {
                text.Append((char)raw[i++]);
                continue;
            }
            // Go's utf8.DecodeRune: an invalid or truncated sequence is one U+FFFD per byte.
            if (Rune.DecodeFromUtf8(raw[i..], out var rune, out var consumed) == OperationStatus.Done)
            {
                text.Append(rune.ToString());
                i += consumed;
            }
            else
            {
                text.Append(Replacement);
                i++;
            }
        }
        return text.ToString();
    }

    /// <summary>
    /// A copy of one JSON value with every string and property name that holds invalid text rewritten as
    /// Go decodes it (re-escaped, so the copy is valid JSON of the same lines), or null when none does.
    /// For the places a converter never sees: the serializer reads keys and names itself, and throws.
    /// </summary>
    public static byte[]? Repaired(ReadOnlySpan<byte> json, JsonReaderOptions options)
    {
        var reader = new Utf8JsonReader(json, options);
        var output = new ArrayBufferWriter<byte>(json.Length + 16);
        var copied = 0;
        while (reader.Read())
        {
            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || Readable(ref reader))
                continue;
            var start = (int)reader.TokenStartIndex + 1; // past the opening quote
            output.Write(json[copied..start]);
            output.Write(JsonEncodedText.Encode(Decode(reader.ValueSpan), JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes);
            copied = start + reader.ValueSpan.Length;
        }
        if (copied == 0)
            return null;
        output.Write(json[copied..]);
        return output.WrittenSpan.ToArray();
    }

    private static bool Readable(ref Utf8JsonReader reader)
    {
        try
        {
            reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// Rewrites, in place, each escaped lone surrogate (<c>\ud800</c>) in the strings of a JSON text as
    /// <c>\ufffd</c>: the same length, so every position stays where it was, and a tree parsed from the
    /// text never holds a string that throws when read. Stops quietly at malformed JSON (the parse reports it).
    /// </summary>
    public static void ReplaceLoneSurrogateEscapes(byte[] json, JsonReaderOptions options)
    {
        var reader = new Utf8JsonReader(json, options);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || !reader.ValueIsEscaped)
                    continue;
                var start = (int)reader.TokenStartIndex + 1; // past the opening quote
                var raw = json.AsSpan(start, reader.ValueSpan.Length);
                for (var i = 0; i < raw.Length; i++)
                {
                    if (raw[i] != (byte)'\\')
                        continue;
                    if (raw[i + 1] != (byte)'u')
                    {
                        i++;
                        continue;
                    }
                    if (StartsPair(raw, i))
                    {
                        i += 11;
                        continue;
                    }
                    if (char.IsSurrogate(Hex(raw, i + 2)))
                        "fffd"u8.CopyTo(raw.Slice(i + 2, 4));
                    i += 5;
                }
            }
        }
        catch (JsonException)
        {
            // Malformed from here on: the parse that follows reports where.
        }
    }

    /// <summary>One escape at <paramref name="at"/> (the reader has validated its syntax); returns where the next character starts.</summary>
    private static int Escape(ReadOnlySpan<byte> raw, int at, StringBuilder text)
    {
        var kind = (char)raw[at + 1];
        if (kind != 'u')
        {
            text.Append(kind switch { 'b' => '\b', 'f' => '\f', 'n' => '\n', 'r' => '\r', 't' => '\t', _ => kind });
            return at + 2;
        }
        var unit = Hex(raw, at + 2);
        if (StartsPair(raw, at))
        {
            text.Append(unit).Append(Hex(raw, at + 8));
            return at + 12;
        }
        text.Append(char.IsSurrogate(unit) ? Replacement : unit);
        return at + 6;
    }

    /// <summary>Whether the \u escape at <paramref name="at"/> is a high surrogate followed by a \u escape of a low one.</summary>
    private static bool StartsPair(ReadOnlySpan<byte> raw, int at) =>
        char.IsHighSurrogate(Hex(raw, at + 2)) && at + 12 <= raw.Length && raw[at + 6] == (byte)'\\' && raw[at + 7] == (byte)'u'
        && char.IsLowSurrogate(Hex(raw, at + 8));

    private static char Hex(ReadOnlySpan<byte> raw, int at) =>
        (char)int.Parse(Encoding.ASCII.GetString(raw.Slice(at, 4)), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
}
