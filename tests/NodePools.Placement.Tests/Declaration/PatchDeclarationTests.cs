using System.Text.Json.Nodes;
using NodePools.Placement.Declaration;
using NodePools.Placement.Planning;
using static NodePools.Placement.Tests.StackText;

namespace NodePools.Placement.Tests.Declaration;

/// <summary>A release's patches: how they are read, refused and resolved into the merge patch Helm's post-renderer applies.</summary>
public class PatchDeclarationTests
{
    private static string Release(string patches) =>
        BasePools + "\n" + Releases("r:\n  chart: c\n  repository: https://x\n  version: 1.0.0\n  namespace: ns\n  patches:\n" + Indent(patches, 4));

    public static TheoryData<string, string, string, string> Rules => new()
    {
        // description, patches, expected key, expected rule text
        { "no target", "- {intent: {pool: services}}", "node-pools:releases.r.patches[0].target", "is required" },
        { "a target without a name", "- {target: {kind: Deployment}, intent: {pool: services}}", "node-pools:releases.r.patches[0].target.name", "is required" },
        { "a kind in lower case", "- {target: {kind: deployment, name: web}, intent: {pool: services}}", "node-pools:releases.r.patches[0].target.kind", "is not a Kubernetes kind" },
        { "a name with a slash", "- {target: {kind: Deployment, name: a/b}, intent: {pool: services}}", "node-pools:releases.r.patches[0].target.name", "is not an object name" },
        { "a malformed apiVersion", "- {target: {kind: Deployment, name: web, apiVersion: apps}, intent: {pool: services}}",
            "node-pools:releases.r.patches[0].target.apiVersion", "is not an apiVersion" },
        { "a namespace in capitals", "- {target: {kind: Deployment, name: web, namespace: Apps}, intent: {pool: services}}",
            "node-pools:releases.r.patches[0].target.namespace", "DNS-1123 label" },
        { "a typo in a target key", "- {target: {kind: Deployment, nme: web}, intent: {pool: services}}", "node-pools:releases.r.patches[0].target.nme", "did you mean \"name\"" },
        { "neither intent nor patch", "- {target: {kind: Deployment, name: web}}", "node-pools:releases.r.patches[0]", "needs intent" },
        { "both intent and patch", "- {target: {kind: Deployment, name: web}, intent: {pool: services}, patch: {spec: {replicas: 1}}}",
            "node-pools:releases.r.patches[0]", "not both" },
        { "an unknown pool", "- {target: {kind: Deployment, name: web}, intent: {pool: gpus}}", "node-pools:releases.r.patches[0].intent.pool", "unknown pool \"gpus\"" },
        { "an intent that places nothing", "- {target: {kind: Deployment, name: web}, intent: {}}", "node-pools:releases.r.patches[0].intent", "places nothing" },
        { "an intent on a kind without a known pod spec", "- {target: {kind: KnativeServing, name: serving}, intent: {pool: services}}",
            "node-pools:releases.r.patches[0].path", "is required for a KnativeServing" },
        { "a malformed path", "- {target: {kind: KnativeServing, name: serving}, path: \"spec.workloads[name]\", intent: {pool: services}}",
            "node-pools:releases.r.patches[0].path", "is not a path step" },
        { "a path with an empty step", "- {target: {kind: Deployment, name: web}, path: spec..template, patch: {a: 1}}",
            "node-pools:releases.r.patches[0].path", "\"\" is not a path step" },
        { "a patch that is not a mapping", "- {target: {kind: Deployment, name: web}, patch: [1]}", "node-pools:releases.r.patches[0].patch", "must be a mapping" },
        { "a patch of the object's name", "- {target: {kind: Deployment, name: web}, patch: {metadata: {name: other}}}",
            "node-pools:releases.r.patches[0].patch", "changes metadata.name" },
        { "a patch deleting the metadata", "- {target: {kind: Deployment, name: web}, patch: {metadata: null}}",
            "node-pools:releases.r.patches[0].patch", "changes metadata.name" },
        { "a patch of the kind", "- {target: {kind: Deployment, name: web}, patch: {kind: StatefulSet}}", "node-pools:releases.r.patches[0].patch", "changes kind" },
        { "a secure value in a patch", "- {target: {kind: Deployment, name: web}, patch: {spec: {token: {secure: AAAB}}}}",
            "node-pools:releases.r.patches[0].patch", "patch.spec.token is a secure: value" },
        { "affinity: false without nodeSelector", "- {target: {kind: Deployment, name: web}, intent: {pool: services}, affinity: false}",
            "node-pools:releases.r.patches[0].affinity", "set nodeSelector: true as well" },
        { "nodeSelector on a merge patch", "- {target: {kind: Deployment, name: web}, patch: {a: 1}, nodeSelector: true}",
            "node-pools:releases.r.patches[0].nodeSelector", "it needs intent" },
        { "the same place patched twice", "- {target: {kind: Deployment, name: web}, intent: {pool: services}}\n- {target: {kind: Deployment, name: web}, patch: {spec: {template: {spec: {}}}}, path: spec.template.spec}",
            "node-pools:releases.r.patches[1]", "is patched twice (also at node-pools:releases.r.patches[0])" },
        { "a typo in a patch key", "- {target: {kind: Deployment, name: web}, intnet: {pool: services}}", "node-pools:releases.r.patches[0].intnet", "did you mean \"intent\"" },
        { "patches not a list", "{target: {kind: Deployment, name: web}}", "node-pools:releases.r.patches", "must be a list" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Patch_rules(string description, string patches, string key, string rule)
    {
        var errors = Errors(Release(patches));
        Assert.True(errors.Any(e => e.Field == key && e.Message.Contains(rule, StringComparison.Ordinal)), $"{description}:\n{string.Join("\n", errors)}");
    }

    public static TheoryData<string, string, string> Paths => new()
    {
        // description, patch, the path it applies at
        { "an intent on a Deployment: its pod spec", "{target: {kind: Deployment, name: web}, intent: {pool: services}}", "spec.template.spec" },
        { "an intent on a CronJob: its job's pod spec", "{target: {kind: CronJob, name: nightly}, intent: {pool: services}}", "spec.jobTemplate.spec.template.spec" },
        { "an intent on a Pod", "{target: {kind: Pod, name: once}, intent: {pool: services}}", "spec" },
        { "an intent at a given path", "{target: {kind: KnativeServing, name: serving}, path: \"spec.workloads[name=activator]\", intent: {pool: services}}",
            "spec.workloads[name=activator]" },
        { "a merge patch: the object itself", "{target: {kind: Deployment, name: web}, patch: {spec: {replicas: 2}}}", "." },
        { "a merge patch at a path", "{target: {kind: Deployment, name: web}, path: spec.template.metadata, patch: {labels: {a: b}}}", "spec.template.metadata" },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public void A_patch_applies_at_its_path_or_by_default_at_the_pod_spec_of_a_known_kind(string description, string patch, string path)
    {
        var release = Plan(Release("- " + patch)).Releases.Single();
        Assert.True(path == release.Patches.Single().Path.ToString(), $"{description}: {release.Patches.Single().Path}");
    }

    [Fact]
    public void An_intent_becomes_the_derived_placement_owning_node_affinity_and_tolerations()
    {
        var release = Plan(Release("- {target: {kind: Deployment, name: web}, intent: {pool: services}, nodeSelector: true}")).Releases.Single();

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {
              "affinity": {"nodeAffinity": {
                "requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{"matchExpressions": [{"key": "union.ai/node-role", "operator": "In", "values": ["services"]}]}]},
                "preferredDuringSchedulingIgnoredDuringExecution": null}},
              "tolerations": [{"key": "union.ai/node-role", "operator": "Equal", "value": "services", "effect": "NoSchedule"}],
              "nodeSelector": {"union.ai/node-role": "services"}
            }
            """), release.Patches.Single().Merge), release.Patches.Single().Merge.ToJsonString());
    }

    public static TheoryData<string, string, string> Intents => new()
    {
        // description, patch settings, the merge patch's top-level keys
        { "pool: affinity and tolerations", "intent: {pool: services}", "affinity,tolerations" },
        { "affinity: false: tolerations and nodeSelector only", "intent: {pool: services}\n  nodeSelector: true\n  affinity: false", "tolerations,nodeSelector" },
        { "an untainted pool: no tolerations left", "intent: {pool: system}", "affinity,tolerations" },
    };

    [Theory]
    [MemberData(nameof(Intents))]
    public void What_an_intent_writes(string description, string settings, string keys)
    {
        var merge = Plan(Release("- target: {kind: Deployment, name: web}\n  " + settings)).Releases.Single().Patches.Single().Merge;
        Assert.True(keys == string.Join(',', merge.Select(pair => pair.Key)), $"{description}: {merge.ToJsonString()}");
    }

    [Fact]
    public void The_pools_a_patch_intent_names_are_pools_the_release_waits_for()
    {
        var release = Plan(Release("- {target: {kind: Deployment, name: web}, intent: {pool: gpu}}")).Releases.Single();
        Assert.Equal(["gpu"], release.TargetPools);
    }

    [Fact]
    public void A_merge_patch_is_kept_as_written()
    {
        var release = Plan(Release("- {target: {kind: Deployment, name: web, namespace: ns, apiVersion: apps/v1}, patch: {spec: {replicas: 2, paused: null}}}")).Releases.Single();
        var patch = release.Patches.Single();
        Assert.Equal(new PatchTarget("Deployment", "web") { Namespace = "ns", ApiVersion = "apps/v1" }, patch.Target);
        Assert.Equal("""{"spec":{"replicas":2,"paused":null}}""", patch.Merge.ToJsonString());
    }
}
