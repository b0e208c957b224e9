using NodePools.Placement.Deployment;
using NodePools.Placement.Input;
using NodePools.Placement.Patching;
using NodePools.Placement.Planning;
using static NodePools.Placement.Tests.StackText;

namespace NodePools.Placement.Tests.Patching;

/// <summary>
/// What the Pulumi layer hands Helm for a release with patches: a patch file that reads back as the
/// plan's patches, named by their digest, and the script Helm runs with no arguments.
/// </summary>
public class PostRendererFileTests
{
    private static ReleasePlan Release(string patches) =>
        Plan(BasePools + "\n" + Releases("web:\n  chart: c\n  repository: https://x\n  version: 1.0.0\n  namespace: apps\n  patches:\n" + Indent(patches, 4))).Releases.Single();

    private const string Patches = """
        - {target: {kind: Deployment, name: web}, intent: {pool: services}}
        - {target: {kind: KnativeServing, name: serving, namespace: knative, apiVersion: operator.knative.dev/v1beta1}, path: "spec.workloads[name=activator]", intent: {pool: services}}
        - {target: {kind: Deployment, name: web}, path: spec.template.metadata, patch: {labels: {team: web}, annotations: null}}
        """;

    [Fact]
    public void The_patch_file_reads_back_as_the_plans_patches()
    {
        var release = Release(Patches);
        var json = PatchFile.Serialize(release.Name, release.Spec.Namespace, release.Patches);

        var (name, ns, patches) = PatchFile.Parse("web.json", json);

        Assert.Equal(("web", "apps"), (name, ns));
        Assert.Equal(release.Patches, patches);
        Assert.Contains("\"annotations\": null", json, StringComparison.Ordinal); // a deleting null survives the file
    }

    [Fact]
    public void The_digest_names_the_patches_so_a_change_is_a_new_post_renderer_path()
    {
        var first = PostRenderer.For(Release(Patches))!;
        var same = PostRenderer.For(Release(Patches))!;
        var changed = PostRenderer.For(Release(Patches.Replace("team: web", "team: api", StringComparison.Ordinal)))!;

        Assert.Equal(first.ScriptPath, same.ScriptPath);
        Assert.NotEqual(first.ScriptPath, changed.ScriptPath);
        Assert.Equal($".nodepools/postrender/web-{first.Digest}.sh", first.ScriptPath);
        Assert.Equal($".nodepools/postrender/web-{first.Digest}.json", first.PatchesPath);
        Assert.Matches("^[0-9a-f]{16}$", first.Digest);
    }

    [Fact]
    public void A_release_without_patches_has_no_post_renderer()
    {
        var release = Plan(BasePools + "\n" + Releases("web:\n  chart: c\n  repository: https://x\n  version: 1.0.0\n  namespace: apps")).Releases.Single();
        Assert.Null(PostRenderer.For(release));
    }

    [Fact]
    public void The_script_runs_nodepools_postrender_on_the_file_beside_it()
    {
        var postRenderer = PostRenderer.For(Release(Patches))!;
        var script = postRenderer.Script;

        Assert.StartsWith("#!/bin/sh\n", script, StringComparison.Ordinal);
        Assert.Contains($"patches=\"$(dirname \"$0\")/{postRenderer.Name}.json\"", script, StringComparison.Ordinal);
        Assert.Contains("if [ -n \"${NODEPOOLS:-}\" ]; then\n  exec $NODEPOOLS postrender --patches \"$patches\"", script, StringComparison.Ordinal);
        Assert.Contains("exec nodepools postrender --patches \"$patches\"", script, StringComparison.Ordinal);
        Assert.Contains("exec dotnet nodepools postrender --patches \"$patches\"", script, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string, string> Refused => new()
    {
        // description, file text, key, rule
        { "not JSON", "patches: []", "", "not a nodepools patch file" },
        { "another version", """{"version": 2, "namespace": "apps", "patches": []}""", "version", "must be 1" },
        { "no namespace", """{"version": 1, "patches": []}""", "namespace", "is required" },
        { "an unknown key", """{"version": 1, "namespace": "apps", "patchs": []}""", "", "not a nodepools patch file" },
        { "a patch without a target", """{"version": 1, "namespace": "apps", "patches": [{"path": ".", "merge": {}}]}""", "patches[0].target", "needs kind and name" },
        { "a patch without a merge", """{"version": 1, "namespace": "apps", "patches": [{"target": {"kind": "Pod", "name": "p"}, "path": "."}]}""", "patches[0].merge", "is required" },
        { "a malformed path", """{"version": 1, "namespace": "apps", "patches": [{"target": {"kind": "Pod", "name": "p"}, "path": "a[b]", "merge": {}}]}""", "patches[0].path", "is not a path step" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_file_that_is_not_a_patch_file_is_refused_with_its_key_and_rule(string description, string text, string key, string rule)
    {
        var errors = Assert.Throws<InvalidInputException>(() => PatchFile.Parse("web.json", text)).Errors;
        Assert.True(errors.Any(e => e.File == "web.json" && e.Field.StartsWith(key, StringComparison.Ordinal) && e.Message.Contains(rule, StringComparison.Ordinal)),
            $"{description}: {string.Join("\n", errors)}");
    }

    [Fact]
    public void A_missing_file_is_an_input_error()
    {
        var error = Assert.Single(Assert.Throws<InvalidInputException>(() => PatchFile.Read(Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.json"))).Errors);
        Assert.Equal("file not found", error.Message);
    }
}
