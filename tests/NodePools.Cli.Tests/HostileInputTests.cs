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
