using System.Text.Json.Nodes;
using NodePools.Placement.Input;
using NodePools.Tests.Shared;

namespace NodePools.Cli.Tests;

/// <summary>
/// The commands on inputs shaped like users' mistakes and like attacks: duplicate keys in JSON syntax,
/// empty strings in every field, deep nesting, alias bombs, self-referencing aliases. Every one ends in
/// exit 0, 1 or 2, never a stack trace or an internal error, and a refusal names the file.
/// </summary>
public class HostileInputTests
{
    private static readonly string DevStack = File.ReadAllText(Repository.Path("Pulumi.dev.yaml"));

    /// <summary>The dev stack as JSON text (what `pulumi config --json`-minded users write).</summary>
    private static string DevAsJson() => StructuredText.Parse("Pulumi.dev.yaml", DevStack)[0].Root!.ToJsonString();

    public static TheoryData<string, string> StackFiles()
    {
        var data = new TheoryData<string, string>();
        var json = DevAsJson();
        data.Add("duplicate key in JSON syntax, top", json.Replace("{\"config\":", "{\"config\": {}, \"config\":", StringComparison.Ordinal));
        data.Add("duplicate key in JSON syntax, deep", json.Replace("\"name\":\"nodepools-dev\"", "\"name\":\"a\",\"name\":\"b\"", StringComparison.Ordinal));
        data.Add("lone surrogate escaped in JSON syntax", json.Replace("\"name\":\"nodepools-dev\"", "\"name\":\"nodepools-\\ud800dev\"", StringComparison.Ordinal));
        data.Add("lone surrogate escaped in a JSON key", json.Replace("\"gpu\":", "\"gpu\\udc00\":", StringComparison.Ordinal));
        data.Add("null list item in JSON syntax", json.Replace("\"taints\":[", "\"taints\":[null,", StringComparison.Ordinal));
        data.Add("duplicate key in YAML syntax", DevStack.Replace("    name: nodepools-dev", "    name: a\n    name: b", StringComparison.Ordinal));
        data.Add("empty taint effect", DevStack.Replace("effect: NoSchedule}", "effect: \"\"}", StringComparison.Ordinal));
        data.Add("deep values", DevStack.Replace("clusterName: nodepools-dev", "clusterName: nodepools-dev\n        deep: " + Nested(100), StringComparison.Ordinal));
        data.Add("deeper than any limit", "config: " + new string('[', 20_000) + new string(']', 20_000));
        data.Add("alias bomb", Bomb() + "config: *g\n");
        data.Add("self-referencing alias", "config:\n  x: &a [1, *a]\n");
        data.Add("merge keys", DevStack.Replace("    services:\n", "    services:\n      <<: {diskSize: 40}\n", StringComparison.Ordinal));
        foreach (var (field, index) in EmptiedFields().Select((f, i) => (f, i)))
            data.Add($"empty field {index}: {field.Field}", field.Text);
        return data;
    }

    [Theory]
    [MemberData(nameof(StackFiles))]
    public void Stack_commands_refuse_or_answer_never_crash(string description, string stackFile)
    {
        var dir = CliRunner.Project(stackFile);
        foreach (var args in new[] { new[] { "check", "test" }, ["plan", "test", "-o", "json"], ["diff", Path.Combine(dir, "Pulumi.test.yaml"), "test"] })
        {
            var (exit, output, error) = CliRunner.Run([.. args, "--dir", dir, "--no-render"]);
            Assert.True(exit is 0 or 1 or 2, $"{description}: {string.Join(' ', args)} exited {exit}\n{error}");
            Assert.DoesNotContain("internal error", error);
            Assert.DoesNotContain("   at ", error);
            if (exit == 2)
                Assert.Contains("Pulumi.test.yaml", error);
            else
                Assert.NotEmpty(output);
        }
    }

    private const string SnapshotNode = "{\"kind\":\"Node\",\"metadata\":{\"name\":\"n\",\"labels\":{\"eks.amazonaws.com/nodegroup\":\"system-1\"}},\"status\":{\"allocatable\":{\"cpu\":\"2\"}}}";

    /// <summary>Cluster snapshots shaped like damaged kubectl output, a JSON items list each.</summary>
    public static TheoryData<string, string> Snapshots() => new()
    {
        { "null item", "null" },
        { "null owner reference", "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"namespace\":\"a\",\"ownerReferences\":[null]},\"spec\":{}}" },
        { "owner without kind or name", "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"namespace\":\"a\",\"ownerReferences\":[{}]},\"spec\":{}}" },
        { "null taint key", "{\"kind\":\"Node\",\"metadata\":{\"name\":\"m\"},\"spec\":{\"taints\":[{\"key\":null,\"effect\":\"NoSchedule\"}]}}" },
        { "taint without effect", "{\"kind\":\"Node\",\"metadata\":{\"name\":\"m\"},\"spec\":{\"taints\":[{\"key\":\"k\"}]}}" },
        { "label as a list", "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"labels\":{\"a\":[1]}},\"spec\":{}}" },
        { "unparsable quantities", "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"},\"spec\":{\"nodeName\":\"n\",\"containers\":[{\"name\":\"c\",\"resources\":{\"requests\":{\"cpu\":\"lots\",\"memory\":\"1e400\"}}}]}}" },
        { "a pod on a node not in the snapshot", "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"namespace\":\"a\"},\"spec\":{\"nodeName\":\"elsewhere\"}}" },
        { "a controller owning itself", "{\"kind\":\"ReplicaSet\",\"metadata\":{\"name\":\"r\",\"namespace\":\"a\",\"ownerReferences\":[{\"kind\":\"ReplicaSet\",\"name\":\"r\",\"controller\":true}]}},{\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"namespace\":\"a\",\"ownerReferences\":[{\"kind\":\"ReplicaSet\",\"name\":\"r\",\"controller\":true}]},\"spec\":{}}" },
        { "deep annotation", "{\"kind\":\"Deployment\",\"metadata\":{\"name\":\"d\",\"annotations\":{\"x\":" + new string('[', 5000) + new string(']', 5000) + "}}}" },
        { "invalid UTF-8 escape", "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\\ud800\"},\"spec\":{}}" },
        { "a number for a name", "{\"kind\":\"Pod\",\"metadata\":{\"name\":7},\"spec\":{}}" },
    };

    [Theory]
    [MemberData(nameof(Snapshots))]
    public void Audit_refuses_or_answers_never_crashes(string description, string item)
    {
        var file = CliRunner.TempFile("{\"kind\":\"List\",\"items\":[" + SnapshotNode + "," + item + "]}", ".json");
        var (exit, output, error) = CliRunner.Run("audit", "dev", "--snapshot", file, "--no-render", "-C", Repository.Root);
        Assert.True(exit is 0 or 1 or 2, $"{description}: exited {exit}\n{error}");
        Assert.DoesNotContain("internal error", error);
        Assert.DoesNotContain("   at ", error);
        if (exit == 2)
            Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(file)}:\d+:\d+", error);
        else
            Assert.NotEmpty(output);
    }

    private const string TwoNamespaces =
        "apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: a}\nspec: {containers: [{name: c}]}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: b}\nspec: {containers: [{name: c}]}\n";

    public static TheoryData<string, string> Manifests() => new()
    {
        { "two pods of one name in two namespaces", TwoNamespaces },
        { "duplicate key in JSON syntax", """{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a", "name": "b"}, "spec": {"containers": []}}""" },
        { "deep annotations", "apiVersion: v1\nkind: Pod\nmetadata: {name: p, annotations: {a: \"1\"}}\nspec: {containers: [{name: c}]}\nextra: " + Nested(100) },
        { "alias bomb", Bomb() + "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c}]}\nx: *g\n" },
        { "self-referencing alias", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: &s {containers: [{name: c}], x: *s}\n" },
    };

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Explain_refuses_or_answers_never_crashes(string description, string pods)
    {
        var file = CliRunner.TempFile(pods);
        foreach (var output in new[] { "table", "json" })
        {
            var (exit, _, error) = CliRunner.Run("explain", "--nodes", CliRunner.Example("explain/nodes.yaml"), "--pods", file, "-o", output);
            Assert.True(exit is 0 or 2, $"{description} ({output}): exited {exit}\n{error}");
            Assert.DoesNotContain("internal error", error);
            Assert.DoesNotContain("   at ", error);
            if (exit == 2)
                Assert.Contains(Path.GetFileName(file), error);
        }
    }

    /// <summary>
    /// Node and pod files shaped to break a reader or a writer: values nested past the serializer's 64
    /// levels, invalid UTF-8 and lone surrogates in strings, null items in the lists the readers bind.
    /// Columns: which file, its extension, its text (&lt;FF&gt; is that raw byte), the exit code, the line
    /// the refusal names (0 for none), and what the refusal says or the JSON output holds.
    /// </summary>
    public static TheoryData<string, string, string, string, int, int, string> ExplainShapes() => new()
    {
        // Deep values: a label or selector value that is a deep flow sequence is the wrong type, named where it is.
        { "deep label value, YAML", "nodes", ".yaml", "kind: Node\nmetadata:\n  name: n1\n  labels:\n    a: " + Nested(70) + "\n", 2, 5, "metadata.labels.a: expected a string, found a list" },
        { "deep label value, JSON", "nodes", ".json", "{\"kind\": \"Node\",\n \"metadata\": {\"name\": \"n1\",\n  \"labels\": {\"a\": " + Nested(70) + "}}}", 2, 3, "metadata.labels.a: expected a string, found a list" },
        { "deep nodeSelector value, YAML", "pods", ".yaml", "kind: Pod\nmetadata: {name: p}\nspec:\n  nodeSelector:\n    a: " + Nested(70) + "\n  containers: [{name: c}]\n", 2, 5, "spec.nodeSelector.a: expected a string, found a list" },
        { "deep toleration value, YAML", "pods", ".yaml", "kind: Pod\nmetadata: {name: p}\nspec:\n  tolerations:\n  - key: k\n    value: " + Nested(70) + "\n", 2, 6, "spec.tolerations[0].value: expected a string, found a list" },
        { "deep toleration value, JSON", "pods", ".json", "{\"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"},\n \"spec\": {\"tolerations\": [\n  {\"key\": \"k\", \"value\": " + Nested(70) + "}]}}", 2, 3, "spec.tolerations[0].value: expected a string, found a list" },
        // Deep values where placement reads nothing: skipped, as every unknown field is.
        { "deep annotation, YAML", "pods", ".yaml", "kind: Pod\nmetadata: {name: p, annotations: {x: " + Nested(70) + "}}\nspec: {containers: [{name: c}]}\n", 0, 0, "\"pod\": \"p\"" },
        { "deep unknown spec field, YAML", "pods", ".yaml", "kind: Pod\nmetadata: {name: p}\nspec: {x: " + Nested(200) + ", containers: [{name: c}]}\n", 0, 0, "\"pod\": \"p\"" },
        { "deep unknown spec field, JSON", "pods", ".json", "{\"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"}, \"spec\": {\"x\": " + Nested(200) + "}}", 0, 0, "\"pod\": \"p\"" },
        { "deeper than the readers allow, JSON", "pods", ".json", "{\"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"}, \"spec\": {\"x\": " + Nested(300) + "}}", 2, 1, "malformed JSON" },
        // Invalid UTF-8 in a string: each invalid byte read as U+FFFD, as the API server's JSON decoder does.
        { "invalid UTF-8 in a pod name", "pods", ".json", "{\"kind\": \"Pod\", \"metadata\": {\"name\": \"p<FF><FE>q\"}, \"spec\": {}}", 0, 0, "\"pod\": \"p\uFFFD\uFFFDq\"" },
        { "truncated UTF-8 in a node name", "nodes", ".json", "{\"kind\": \"Node\", \"metadata\": {\"name\": \"n<E2><82>\"}}", 0, 0, "\"node\": \"n\uFFFD\uFFFD\"" },
        { "invalid UTF-8 in a label key", "nodes", ".json", "{\"kind\": \"Node\", \"metadata\": {\"name\": \"n\", \"labels\": {\"a<C0>\": \"b\"}}}", 0, 0, "\"node\": \"n\"" },
        { "invalid UTF-8 in a List's property name", "pods", ".json", "{\"apiVersion\": \"v1\", \"items\": [{\"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"}, \"spec\": {}}], \"x<FF>\": 1, \"kind\": \"List\"}", 0, 0, "\"pod\": \"p\"" },
        { "invalid UTF-8 in a property name", "pods", ".json", "{\"kind\": \"Pod\", \"metadata\": {\"name\": \"p\", \"x<FF>\": 1}, \"spec\": {\"y<FF>\": {}}}", 0, 0, "\"pod\": \"p\"" },
        { "invalid UTF-8 in a selector key and value", "pods", ".json", "{\"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"}, \"spec\": {\"nodeSelector\": {\"k<FF>\": \"v<FF>\"}}}", 0, 0, "\"pod\": \"p\"" },
        { "invalid UTF-8 in a list's kind", "pods", ".json", "{\"apiVersion\": \"v1\", \"kind\": \"<FF>List\", \"items\": [{\"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"}, \"spec\": {}}]}", 0, 0, "\"pod\": \"p\"" },
        { "invalid UTF-8 in a kind", "pods", ".json", "{\"kind\": \"Po<FF>\",\n \"metadata\": {\"name\": \"p\"}, \"spec\": {}}", 2, 1, "kind: kind \"Po\uFFFD\" has no pod template" },
        { "a lone surrogate escaped in JSON", "pods", ".json", "{\"kind\": \"Pod\", \"metadata\": {\"name\": \"p\\ud800q\"}, \"spec\": {}}", 0, 0, "\"pod\": \"p\uFFFDq\"" },
        { "a lone surrogate escaped in YAML", "pods", ".yaml", "kind: Pod\nmetadata: {name: \"p\\uD800q\"}\nspec: {}\n", 2, 2, "malformed YAML" },
        // Null items in every list a reader binds: refused, named.
        { "null taint, JSON", "nodes", ".json", "{\"kind\": \"Node\", \"metadata\": {\"name\": \"n1\"},\n \"spec\": {\"taints\": [{\"key\": \"k\", \"effect\": \"NoSchedule\"},\n  null]}}", 2, 3, "spec.taints[1]: a list item cannot be null" },
        { "null taint, YAML", "nodes", ".yaml", "kind: Node\nmetadata: {name: n1}\nspec:\n  taints:\n  - {key: k, effect: NoSchedule}\n  - null\n", 2, 6, "spec.taints[1]: a list item cannot be null" },
        { "null toleration, JSON", "pods", ".json", "{\"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"},\n \"spec\": {\"tolerations\": [null]}}", 2, 2, "spec.tolerations[0]: a list item cannot be null" },
        { "null container, JSON", "pods", ".json", "{\"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"},\n \"spec\": {\"containers\": [{\"name\": \"c\"}, null]}}", 2, 2, "spec.containers[1]: a list item cannot be null" },
        { "null init container, JSON", "pods", ".json", "{\"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"},\n \"spec\": {\"initContainers\": [null]}}", 2, 2, "spec.initContainers[0]: a list item cannot be null" },
        { "null term, JSON", "pods", ".json", "{\"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"}, \"spec\": {\"affinity\": {\"nodeAffinity\":\n {\"requiredDuringSchedulingIgnoredDuringExecution\": {\"nodeSelectorTerms\": [null]}}}}}", 2, 2, "nodeSelectorTerms[0]: a list item cannot be null" },
        { "null expression, JSON", "pods", ".json", "{\"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"}, \"spec\": {\"affinity\": {\"nodeAffinity\": {\"requiredDuringSchedulingIgnoredDuringExecution\":\n {\"nodeSelectorTerms\": [{\"matchExpressions\": [null]}]}}}}}", 2, 2, "nodeSelectorTerms[0].matchExpressions[0]: a list item cannot be null" },
        { "null field requirement, JSON", "pods", ".json", "{\"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"}, \"spec\": {\"affinity\": {\"nodeAffinity\": {\"requiredDuringSchedulingIgnoredDuringExecution\":\n {\"nodeSelectorTerms\": [{\"matchFields\": [null]}]}}}}}", 2, 2, "nodeSelectorTerms[0].matchFields[0]: a list item cannot be null" },
        { "null preference, JSON", "pods", ".json", "{\"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"}, \"spec\": {\"affinity\": {\"nodeAffinity\":\n {\"preferredDuringSchedulingIgnoredDuringExecution\": [null]}}}}", 2, 2, "preferredDuringSchedulingIgnoredDuringExecution[0]: a list item cannot be null" },
        { "null container in a template, JSON", "pods", ".json", "{\"kind\": \"Deployment\", \"metadata\": {\"name\": \"d\"}, \"spec\": {\"template\": {\"spec\":\n {\"containers\": [null]}}}}", 2, 2, "spec.template.spec.containers[0]: a list item cannot be null" },
        { "null toleration in a List item, JSON", "pods", ".json", "{\"kind\": \"List\", \"items\": [\n {\"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"},\n  \"spec\": {\"tolerations\": [{\"operator\": \"Exists\"}, null]}}]}", 2, 3, "items[0].spec.tolerations[1]: a list item cannot be null" },
    };

    [Theory]
    [MemberData(nameof(ExplainShapes))]
    public void Explain_reads_every_shape_to_an_answer_or_a_located_refusal(string description, string which, string extension, string text, int exit, int line, string expected)
    {
        var file = Path.Combine(Path.GetTempPath(), $"nodepools-{Guid.NewGuid():N}{extension}");
        File.WriteAllBytes(file, RawBytes(text));
        var (nodes, pods) = which == "nodes" ? (file, CliRunner.Example("explain/pods.yaml")) : (CliRunner.Example("explain/nodes.yaml"), file);
        foreach (var output in new[] { "json", "summary", "table" })
        {
            var (code, stdout, error) = CliRunner.Run("explain", "--nodes", nodes, "--pods", pods, "-o", output);
            Assert.True(code == exit, $"{description} ({output}): exited {code}, expected {exit}\n{error}");
            Assert.DoesNotContain("internal error", error);
            Assert.DoesNotContain("   at ", error);
            if (exit == 2)
            {
                Assert.Contains($"{Path.GetFileName(file)}:{line}:", error);
                Assert.Contains(expected, error);
            }
            else if (output == "json")
            {
                Assert.Contains(expected, stdout);
            }
        }
    }

    /// <summary>UTF-8 of the text, with each &lt;XX&gt; written as the raw byte 0xXX.</summary>
    private static byte[] RawBytes(string text) =>
        [.. System.Text.RegularExpressions.Regex.Split(text, "(<[0-9A-F]{2}>)").SelectMany(part =>
            part is ['<', _, _, '>'] ? [Convert.ToByte(part[1..3], 16)] : System.Text.Encoding.UTF8.GetBytes(part))];

    [Fact]
    public void Pods_of_one_name_in_several_namespaces_are_named_by_namespace()
    {
        var file = CliRunner.TempFile(TwoNamespaces);
        var (exit, output, _) = CliRunner.Run("explain", "--nodes", CliRunner.Example("explain/nodes.yaml"), "--pods", file);
        Assert.Equal(0, exit);
        Assert.Contains("a/web", output);
        Assert.Contains("b/web", output);
    }

    /// <summary>The dev stack with one field at a time made an empty string, across the whole file.</summary>
    private static IEnumerable<(string Field, string Text)> EmptiedFields()
    {
        var lines = DevStack.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var colon = lines[i].IndexOf(": ", StringComparison.Ordinal);
            if (colon <= 0 || lines[i].TrimStart().StartsWith('#'))
                continue;
            var copy = (string[])lines.Clone();
            copy[i] = lines[i][..(colon + 2)] + "\"\"";
            yield return (lines[i].Trim(), string.Join('\n', copy));
        }
    }

    private static string Nested(int depth) => new string('[', depth) + "1" + new string(']', depth);

    private static string Bomb() =>
        "a: &a [x, x, x, x, x, x, x, x, x]\n"
        + string.Concat("bcdefg".Select((name, i) => $"{name}: &{name} [{string.Join(", ", Enumerable.Repeat($"*{"abcdefg"[i]}", 9))}]\n"));
}
