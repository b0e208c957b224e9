using NodePools.Placement.Input;
using static NodePools.Placement.Tests.StackText;
using NodePools.Placement.Facts;

namespace NodePools.Placement.Tests.Input;

/// <summary>Stack files are read as Pulumi reads them (merge keys resolved), within limits no input can pass.</summary>
public class YamlReadingTests
{
    [Fact]
    public void Merge_keys_are_resolved_and_the_mappings_own_keys_win()
    {
        var plan = Plan("""
              node-pools:pools:
                base: &pool
                  instanceTypes: [m6i.large]
                  scaling: {min: 1, max: 2}
                  labels: {role: base}
                gpu:
                  labels: {role: gpu}
                  <<: *pool
                  instanceTypes: [g5.xlarge]
                  amiType: AL2023_x86_64_NVIDIA
                both:
                  <<: [{diskSize: 40}, *pool]
                  labels: {role: both}
            """);
        var gpu = plan.Pool("gpu").Spec;
        Assert.Equal(["g5.xlarge"], gpu.InstanceTypes);
        Assert.Equal("gpu", gpu.Labels["role"]);
        Assert.Equal(2, gpu.Scaling.Max);
        var both = plan.Pool("both").Spec;
        Assert.Equal((40, "both", 2), (both.DiskSize, both.Labels["role"], both.Scaling.Max));
    }

    public static TheoryData<string, string, int, string> Refused => new()
    {
        // description, text, line, message
        { "duplicate key", "a: 1\nb: 2\na: 3\n", 3, "duplicate key \"a\"" },
        { "self-referencing alias", "a:\n  x: &s [1, *s]\n", 2, "names no anchor completed before it" },
        { "nesting past the limit", "a: " + new string('[', 300) + new string(']', 300), 1, "nested deeper than 256" },
        { "alias bomb", "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n", 5, "excessive aliasing" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Hostile_YAML_is_refused_with_its_position(string description, string text, int line, string message)
    {
        var error = Assert.Single(Assert.Throws<InvalidInputException>(() => StructuredText.Parse("f.yaml", text)).Errors);
        Assert.Equal(("f.yaml", line), (error.File, error.Line));
        Assert.Contains(message, error.Message);
        Assert.NotEmpty(description);
    }

    [Fact]
    public void A_duplicate_key_in_JSON_syntax_is_refused_with_its_path()
    {
        var error = Assert.Single(Assert.Throws<InvalidInputException>(() => StructuredText.Parse("f.json", "{\"a\": {\"b\": 1,\n  \"b\": 2}}")).Errors);
        Assert.Equal(("a", 2, 3), (error.Field, error.Line, error.Column));
        Assert.Contains("duplicate key \"b\"", error.Message);
    }

    [Fact]
    public void JSON_values_are_located_like_YAML_ones()
    {
        var document = StructuredText.Parse("f.json", "{\n  \"a\": [1,\n    {\"b\": true}]\n}")[0];
        Assert.Equal((3, 5), document.Map.Find("$.a[1]"));
        Assert.Equal((3, 11), document.Map.Find("$.a[1].b"));
    }

    [Fact]
    public void Deep_but_real_nesting_passes_in_both_syntaxes()
    {
        var depth = 100;
        var yaml = StructuredText.Parse("f.yaml", "a: " + new string('[', depth) + new string(']', depth));
        var json = StructuredText.Parse("f.json", "{\"a\": " + new string('[', depth) + new string(']', depth) + "}");
        Assert.Equal(yaml[0].Root!.ToJsonString(), json[0].Root!.ToJsonString());
    }

    [Fact]
    public void A_large_cluster_listing_passes()
    {
        // About 5 MB: 5,000 pods of a `kubectl get pods -A -o yaml` shape, anchors and all.
        var pod = "- apiVersion: v1\n  kind: Pod\n  metadata: {name: p-N, namespace: ns, labels: {app: a, tier: t}, annotations: {note: " + new string('x', 700) + "}}\n"
                  + "  spec:\n    containers: [{name: c, image: i, resources: {requests: {cpu: 100m, memory: 64Mi}}}]\n    tolerations: [{key: k, operator: Exists}]\n";
        var text = "apiVersion: v1\nkind: List\nitems:\n" + string.Concat(Enumerable.Range(0, 5_000).Select(i => pod.Replace("p-N", $"p-{i}", StringComparison.Ordinal)));
        Assert.True(text.Length > 4_500_000);
        var documents = StructuredText.Parse("pods.yaml", text);
        Assert.Equal(5_000, ((System.Text.Json.Nodes.JsonArray)documents[0].Root!["items"]!).Count);
    }
}
