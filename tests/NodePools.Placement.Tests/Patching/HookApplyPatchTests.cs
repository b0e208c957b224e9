using System.Text.Json.Nodes;
using NodePools.Placement.Declaration;
using NodePools.Placement.Input;
using NodePools.Placement.Patching;
using NodePools.Placement.Planning;

namespace NodePools.Placement.Tests.Patching;

/// <summary>
/// The body of the server-side apply that patches a Helm hook after its release: computed by the
/// check's own patch function, carrying each top-level field it changes whole.
/// </summary>
public class HookApplyPatchTests
{
    /// <summary>Union's KnativeServing in small: a post-install hook whose spec.workloads already holds the chart's entries.</summary>
    private const string Rendered = """
        ---
        # Source: chart/templates/deployment.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: serving, namespace: union}
        spec: {template: {spec: {containers: [{name: c, image: x}]}}}
        ---
        # Source: chart/templates/serving/knative-serving.yaml
        apiVersion: operator.knative.dev/v1beta1
        kind: KnativeServing
        metadata:
          name: serving
          labels: {app: serving}
          annotations: {helm.sh/hook: "post-install,post-upgrade", helm.sh/hook-delete-policy: before-hook-creation}
        spec:
          config: {deployment: {progress-deadline: "30m"}}
          high-availability: {replicas: 2}
          workloads:
            - name: activator
              affinity: {podAntiAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 100, podAffinityTerm: {topologyKey: zone}}]}}
            - name: webhook
              env: [{container: webhook, envVars: [{name: A, value: "1"}]}]
        """;

    private static readonly JsonArray ServicesTolerations = [new JsonObject { ["key"] = "pool", ["value"] = "services", ["effect"] = "NoSchedule" }];

    private static ManifestPatch Patch(string path, JsonObject merge, string kind = "KnativeServing") =>
        new(new PatchTarget(kind, "serving"), PatchPath.Parse(path).Path!, merge);

    private static ManifestPatch Tolerate(string workload) =>
        Patch($"spec.workloads[name={workload}]", new JsonObject { ["tolerations"] = ServicesTolerations.DeepClone() });

    /// <summary>"PATH MERGE", or "Deployment PATH MERGE": a patch as theory data.</summary>
    private static ManifestPatch Parse(string text)
    {
        var parts = text.Split(' ', 3);
        return parts.Length == 3
            ? Patch(parts[1], (JsonObject)JsonNode.Parse(parts[2])!, parts[0])
            : Patch(parts[0], (JsonObject)JsonNode.Parse(parts[1])!);
    }

    private const string TolerateActivator = """spec.workloads[name=activator] {"tolerations":[{"key":"pool","value":"services","effect":"NoSchedule"}]}""";

    private static IReadOnlyList<JsonObject> Objects(string text) =>
        YamlTree.Read(text, DuplicateKeys.LastWins).Select(document => document.Root).OfType<JsonObject>().ToList();

    /// <summary>(patches, the body's top-level keys, the workload entries' names in spec.workloads, or null where the body has no spec).</summary>
    public static TheoryData<string, string[], string[], string[]?> Bodies => new()
    {
        { "an entry the chart renders", [TolerateActivator], ["apiVersion", "kind", "metadata", "spec"], ["activator", "webhook"] },
        { "an entry the chart leaves out: appended", [TolerateActivator.Replace("activator", "controller", StringComparison.Ordinal)], ["apiVersion", "kind", "metadata", "spec"], ["activator", "webhook", "controller"] },
        { "two patches, one field", [TolerateActivator, TolerateActivator.Replace("activator", "webhook", StringComparison.Ordinal)], ["apiVersion", "kind", "metadata", "spec"], ["activator", "webhook"] },
        { "metadata only", [""". {"metadata":{"labels":{"team":"ci"}}}"""], ["apiVersion", "kind", "metadata"], null },
        { "a non-hook target: no apply", ["""Deployment spec.template.spec {"nodeSelector":{"a":"b"}}"""], [], null },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void The_body_carries_each_patched_top_level_field_whole(string description, string[] patches, string[] keys, string[]? workloads)
    {
        var result = HookApplyPatch.For(Objects(Rendered), "union", patches.Select(Parse).ToList());

        Assert.Empty(result.Problems);
        if (keys.Length == 0)
        {
            Assert.Empty(result.Applies);
            return;
        }
        var apply = Assert.Single(result.Applies);
        Assert.Equal(("operator.knative.dev/v1beta1", "KnativeServing", "serving", "union"), (apply.ApiVersion, apply.Kind, apply.Name, apply.Namespace));
        Assert.True(keys.SequenceEqual(apply.Body.Select(pair => pair.Key)), $"{description}: {apply.Body.ToJsonString()}");
        Assert.Equal("union", (string?)apply.Body["metadata"]!["namespace"]); // rendered without one: the release's
        if (workloads is null)
            return;
        var spec = apply.Body["spec"]!;
        Assert.Equal(workloads, spec["workloads"]!.AsArray().Select(entry => (string)entry!["name"]!));
        // Everything else the chart rendered in the field stays, with its types.
        Assert.Equal(2, spec["high-availability"]!["replicas"]!.GetValue<long>());
        Assert.Equal("30m", (string?)spec["config"]!["deployment"]!["progress-deadline"]);
        Assert.Equal("1", (string?)spec["workloads"]![1]!["env"]![0]!["envVars"]![0]!["value"]);
        Assert.NotNull(spec["workloads"]![0]!["affinity"]!["podAntiAffinity"]);
    }

    [Fact]
    public void The_apply_body_is_the_hook_the_checks_render_patched_one_code_path()
    {
        // An intent's resolved merge: affinity with nulls the chart's entry has nothing under, and tolerations.
        var intent = new JsonObject
        {
            ["affinity"] = new JsonObject { ["nodeAffinity"] = new JsonObject
            {
                ["requiredDuringSchedulingIgnoredDuringExecution"] = JsonNode.Parse("""{"nodeSelectorTerms":[{"matchExpressions":[{"key":"pool","operator":"In","values":["services"]}]}]}"""),
                ["preferredDuringSchedulingIgnoredDuringExecution"] = null,
            } },
            ["tolerations"] = ServicesTolerations.DeepClone(),
        };
        ManifestPatch[] patches = [Patch("spec.workloads[name=activator]", intent), Tolerate("autoscaler")];

        var checkedText = ManifestPatcher.Apply(Rendered, "union", patches, HookHandling.PatchAfterRelease).Output;
        var checkedHook = Objects(checkedText).Single(obj => (string?)obj["kind"] == "KnativeServing");
        var apply = Assert.Single(HookApplyPatch.For(Objects(Rendered), "union", patches).Applies);

        Assert.True(JsonNode.DeepEquals(checkedHook["spec"], apply.Body["spec"]), $"{checkedHook["spec"]!.ToJsonString()}\n{apply.Body["spec"]!.ToJsonString()}");
        // And the operator's workload is placed while the chart's pod anti-affinity stays.
        var activator = apply.Body["spec"]!["workloads"]![0]!["affinity"]!;
        Assert.NotNull(activator["nodeAffinity"]!["requiredDuringSchedulingIgnoredDuringExecution"]);
        Assert.NotNull(activator["podAntiAffinity"]);
    }

    public static TheoryData<string, string> Refused => new()
    {
        { """spec.workloads[name=activator] {"affinity":{"podAntiAffinity":null}}""", "would delete spec.workloads[name=activator].affinity.podAntiAffinity" },
        { """. {"status":{"ready":true}}""", "top-level field \"status\"" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void What_a_server_side_apply_cannot_express_is_refused_with_the_patch_and_the_reason(string patch, string reason)
    {
        var result = HookApplyPatch.For(Objects(Rendered), "union", [Tolerate("webhook"), Parse(patch)]);
        Assert.Empty(result.Applies);
        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("patch 2 (KnativeServing/serving): KnativeServing/serving: ", problem, StringComparison.Ordinal);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }
}
