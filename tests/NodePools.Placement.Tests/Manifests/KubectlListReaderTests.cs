using NodePools.Placement.Input;
using NodePools.Placement.Kubernetes;
using NodePools.Placement.Manifests;

namespace NodePools.Placement.Tests.Manifests;

public sealed class KubectlListReaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("nodepools-list-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private List<string>? Read(string text)
    {
        var file = Path.Combine(_directory, $"{Guid.NewGuid():N}.json");
        File.WriteAllText(file, text);
        var names = new List<string>();
        return KubectlListReader.TryRead(file, KubernetesJsonContext.Default.ClusterObject, (obj, _, _) => names.Add(obj.Metadata.Name!)) ? names : null;
    }

    private const string A = """{"kind":"Node","metadata":{"name":"a","labels":{"x":"}]{[\"\\"}}}""";
    private const string B = """{"kind":"Pod","metadata":{"name":"b"},"spec":{"containers":[{"name":"c"}]}}""";

    public static TheoryData<string, string, string?> Shapes => new()
    {
        // case, text, the names read (null: not a plain List, left to the reader that locates problems)
        { "kubectl's List, indented", "{\n  \"apiVersion\": \"v1\",\n  \"items\": [\n    " + A + ",\n    " + B + "\n  ],\n  \"kind\": \"List\",\n  \"metadata\": {\"resourceVersion\": \"\"}\n}\n", "a,b" },
        { "items first, a trailing comma", "{\"items\":[" + A + "," + B + ",],\"kind\":\"List\"}", "a,b" },
        { "no items", "{\"items\":[],\"kind\":\"List\"}", "" },
        { "one object, no List", B, null },
        { "two Lists", "{\"items\":[" + A + "]}{\"items\":[" + B + "]}", null },
        { "a comment between items", "{\"items\":[" + A + ",/* x */" + B + "]}", null },
        { "a malformed item", "{\"items\":[" + A + ",{\"kind\": Pod}]}", null },
        { "a truncated item", "{\"items\":[" + A + "," + B[..30], null },
        { "a string for an item", "{\"items\":[\"x\"]}", null },
        { "a null list item", "{\"items\":[{\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"},\"spec\":{\"tolerations\":[null]}}]}", null },
        { "a malformed tail", "{\"items\":[" + A + "],\"kind\": List}", null },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Only_a_plain_List_takes_the_one_pass_path(string @case, string text, string? names)
    {
        var read = Read(text);
        Assert.True(names == (read is null ? null : string.Join(",", read)), @case);
    }

    [Fact]
    public void An_item_larger_than_the_buffer_is_read_whole()
    {
        var big = "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"big\",\"annotations\":{\"x\":\"" + new string('y', 9 << 20) + "\"}}}";
        Assert.Equal(["a", "big", "b"], Read("{\"items\":[" + A + "," + big + "," + B + "]}"));
    }

    [Theory]
    [InlineData("{}", 2)]
    [InlineData("{\"a\":\"}\"}x", 9)]
    [InlineData("[{\"a\":[1,2]},\"\\\\\"]", 18)]
    [InlineData("{\"a\":\"\\\"}\"}", 11)]
    [InlineData("{\"a\":1", -1)]
    [InlineData("{\"a\":\"x", -1)]
    public void The_extent_of_a_value_counts_brackets_outside_strings(string json, int length) =>
        Assert.Equal(length, KubectlListReader.Extent(System.Text.Encoding.UTF8.GetBytes(json)));
}
