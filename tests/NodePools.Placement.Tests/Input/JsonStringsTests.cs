using System.Text;
using System.Text.Json;
using NodePools.Placement.Input;

namespace NodePools.Placement.Tests.Input;

/// <summary>Strings decoded as Go's encoding/json (the API server) decodes them: invalid text is U+FFFD, never an error.</summary>
public class JsonStringsTests
{
    public static TheoryData<string, byte[], string> Strings => new()
    {
        // what, the string's raw bytes between the quotes, what Go's json.Unmarshal gives
        { "valid UTF-8", [.. "caf"u8, 0xC3, 0xA9], "café" },
        { "two invalid bytes", [(byte)'p', 0xFF, 0xFE, (byte)'q'], "p\uFFFD\uFFFDq" },
        { "a truncated sequence: one per byte", [(byte)'n', 0xE2, 0x82], "n\uFFFD\uFFFD" },
        { "an overlong encoding", [0xC0, 0x80], "\uFFFD\uFFFD" },
        { "a surrogate encoded in UTF-8", [0xED, 0xA0, 0x80], "\uFFFD\uFFFD\uFFFD" },
        { "a lone high surrogate escaped", [.. "a\\ud800b"u8], "a\uFFFDb" },
        { "a lone low surrogate escaped", [.. "\\udc00"u8], "\uFFFD" },
        { "a pair escaped", [.. "\\ud83d\\ude00"u8], "\U0001F600" },
        { "a pair reversed", [.. "\\udc00\\ud800"u8], "\uFFFD\uFFFD" },
        { "other escapes beside invalid bytes", [.. "a\\n\\\"\\\\ud800"u8, 0xFF], "a\n\"\\ud800\uFFFD" },
    };

    [Theory]
    [MemberData(nameof(Strings))]
    public void Invalid_text_reads_as_the_API_server_reads_it(string what, byte[] raw, string expected)
    {
        var json = new byte[raw.Length + 2];
        json[0] = json[^1] = (byte)'"';
        raw.CopyTo(json, 1);
        var reader = new Utf8JsonReader(json);
        Assert.True(reader.Read(), what);
        Assert.Equal(expected, JsonStrings.Get(ref reader));
    }

    [Theory]
    [MemberData(nameof(Strings))]
    public void A_repaired_copy_reads_the_same_everywhere(string _, byte[] raw, string expected)
    {
        // As a key and as a value, which the serializer reads itself.
        var json = Encoding.UTF8.GetBytes("{\"k\": \"").Concat(raw).Concat("\", \""u8.ToArray()).Concat(raw).Concat("\": 1}"u8.ToArray()).ToArray();
        var repaired = JsonStrings.Repaired(json, default) ?? json;
        using var document = JsonDocument.Parse(repaired);
        Assert.Equal(expected, document.RootElement.GetProperty("k").GetString());
        Assert.Equal([expected], document.RootElement.EnumerateObject().Skip(1).Select(p => p.Name));
    }
}
