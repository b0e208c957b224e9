using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json.Nodes;
using NodePools.Components;
using NodePools.Placement.Input;
using NodePools.Placement.Pipeline;
using NodePools.Placement.Rendering;
using NodePools.Tests.Shared;
using Pulumi;
using Pulumi.Testing;
using Pulumi.Utilities;

namespace NodePools.Components.Tests;

/// <summary>
/// Patches to a release's Helm hooks, under Pulumi mocks whose Kubernetes provider renders with the
/// real helm: tests/charts/operators' KnativeServing hook, hard-coded as Union's chart has it.
/// </summary>
public class HookPatchTests
{
    private static readonly string[] Knative = ["activator", "autoscaler", "autoscaler-hpa", "controller", "webhook", "net-kourier-controller", "3scale-kourier-gateway"];

    private const string PatchType = "kubernetes:operator.knative.dev/v1beta1:KnativeServingPatch";

    /// <summary>The dev stack's union release, its acknowledgements replaced by patches placing the seven Knative workloads on services.</summary>
    private static Placement.Planning.ReleasePlan Union()
    {
        var patches = new JsonArray(Knative.Select(name => (JsonNode)new JsonObject
        {
            ["target"] = new JsonObject { ["kind"] = "KnativeServing", ["name"] = "union-serving" },
            ["path"] = $"spec.workloads[name={name}]",
            ["intent"] = new JsonObject { ["pool"] = "services" },
        }).ToArray());
        var config = StackConfig.WithPatches("dev", "union", patches.ToJsonString());
        return StackPipeline.PlanFromConfig("node-pools", "dev", StackConfig.Lookup(config), "us-east-1").Releases.Single(r => r.Name == "union");
    }

    /// <summary>What helm renders for the test chart, hooks included, as the provider's invoke returns it: a list of objects.</summary>
    private static async Task<ImmutableArray<object>> Render()
    {
        Assert.SkipWhen(HelmRunner.Locate() is null, "helm is not on PATH: the mocked provider renders tests/charts/operators with the real helm");
        var result = await HelmRunner.Locate()!.RunAsync(
            ["template", "union", Repository.Path("tests", "charts", "operators"), "--namespace", "union", "--set", "serving.placementFromValues=false"],
            TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, result.Error);
        return [.. YamlTree.Read(result.Output, DuplicateKeys.LastWins).Select(document => document.Root).OfType<JsonObject>().Select(obj => Value(obj)!)];
    }

    private static object? Value(JsonNode? node) => node switch
    {
        JsonObject obj => obj.ToImmutableDictionary(pair => pair.Key, pair => Value(pair.Value)!),
        JsonArray array => array.Select(Value).ToImmutableArray(),
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        JsonValue value => value.GetValue<double>(),
        _ => null,
    };

    private sealed record Deployed(EchoMocks Mocks, ConcurrentDictionary<string, CustomResourceOptions> Options, ConcurrentDictionary<string, HookPatchArgs> Args);

    private static async Task<Deployed> Deploy(Placement.Planning.ReleasePlan plan, ImmutableArray<object> rendered)
    {
        var mocks = new EchoMocks
        {
            Answer = call => call.Token == HookPatches.TemplateToken
                ? new Dictionary<string, object> { ["result"] = rendered }.ToImmutableDictionary()
                : null,
        };
        var options = new ConcurrentDictionary<string, CustomResourceOptions>();
        var args = new ConcurrentDictionary<string, HookPatchArgs>();
        await Pulumi.Deployment.TestAsync(mocks, new TestOptions { IsPreview = false, ProjectName = "node-pools", StackName = "dev" }, () =>
        {
            var provider = new Pulumi.Kubernetes.Provider("k8s", new Pulumi.Kubernetes.ProviderArgs { KubeConfig = EchoMocks.Kubeconfig });
            var probe = new Probe(new ComponentResourceOptions
            {
                ResourceTransformations =
                {
                    transformation =>
                    {
                        if (transformation.Args is HookPatchArgs patch && transformation.Options is CustomResourceOptions custom)
                            (options[transformation.Resource.GetResourceName()], args[transformation.Resource.GetResourceName()]) = (custom, patch);
                        return null;
                    },
                },
            });
            _ = new PlacedRelease("union", new PlacedReleaseArgs { Plan = plan, Provider = provider, TargetNodeGroups = [], KubeVersion = "1.35" },
                new ComponentResourceOptions { Parent = probe });
        });
        return new Deployed(mocks, options, args);
    }

    private sealed class Probe(ComponentResourceOptions options) : ComponentResource("test:index:Probe", "probe", options);

    [Fact]
    public async Task A_patched_hook_gets_a_server_side_apply_patch_after_the_release_carrying_the_whole_list_with_ours_placed()
    {
        var plan = Union();
        var deployed = await Deploy(plan, await Render());

        var patch = Assert.Single(deployed.Mocks.OfType(PatchType));
        Assert.Equal("union-knativeserving-union-serving", patch.Name);
        var metadata = MockValues.Map(patch.Inputs["metadata"]);
        Assert.Equal(("union-serving", "union"), ((string)metadata["name"], (string)metadata["namespace"]));
        var annotations = MockValues.Map(metadata["annotations"]);
        Assert.Equal("true", annotations[HookPatches.PatchForceAnnotation]);
        Assert.Equal(EchoMocks.ReleaseRevision.ToString(System.Globalization.CultureInfo.InvariantCulture), annotations[HookPatches.RevisionAnnotation]);

        var spec = MockValues.ToJson(patch.Inputs["spec"])!;
        var workloads = spec["workloads"]!.AsArray().ToDictionary(entry => (string)entry!["name"]!);
        // The chart's two entries first, as rendered, then ours; every one placed on services.
        Assert.Equal(["activator", "webhook", .. Knative.Except(["activator", "webhook"])], spec["workloads"]!.AsArray().Select(entry => (string)entry!["name"]!));
        foreach (var (name, entry) in workloads)
        {
            var terms = entry!["affinity"]!["nodeAffinity"]!["requiredDuringSchedulingIgnoredDuringExecution"]!["nodeSelectorTerms"]!.ToJsonString();
            Assert.Contains("\"union.ai/node-role\"", terms, StringComparison.Ordinal);
            Assert.Contains("services", entry["tolerations"]!.ToJsonString(), StringComparison.Ordinal);
        }
        // What the chart rendered stays: each entry's pod anti-affinity, the ingress.
        Assert.Equal("activator", (string?)workloads["activator"]!["affinity"]!["podAntiAffinity"]!["preferredDuringSchedulingIgnoredDuringExecution"]![0]!["podAffinityTerm"]!["labelSelector"]!["matchLabels"]!["app"]);
        Assert.NotNull(workloads["webhook"]!["affinity"]!["podAntiAffinity"]);
        Assert.True((bool)spec["ingress"]!["kourier"]!["enabled"]!);

        // After the Release, on the cluster's provider.
        var dependsOn = await OutputUtilities.GetValueAsync(((Input<ImmutableArray<Resource>>)deployed.Options[patch.Name!].DependsOn).ToOutput());
        Assert.Equal(["union"], dependsOn.Select(r => r.GetResourceName()));
        Assert.EndsWith("pulumi:providers:kubernetes::k8s::k8s-id", patch.Provider);
    }

    [Fact]
    public async Task The_provider_renders_the_releases_chart_with_its_values_and_a_secret_stays_secret()
    {
        var plan = Union();
        var deployed = await Deploy(plan, await Render());

        var call = Assert.Single(deployed.Mocks.Calls, c => c.Token == HookPatches.TemplateToken);
        var options = JsonNode.Parse((string)call.Args["jsonOpts"])!;
        Assert.Equal(("dataplane", plan.Spec.Version, "union", "union", "v1.35.0"),
            ((string?)options["chart"], (string?)options["version"], (string?)options["namespace"], (string?)options["release_name"], (string?)options["kube_version"]));
        Assert.Equal("https://unionai.github.io/helm-charts", (string?)options["fetch_opts"]!["repo"]);
        Assert.True(JsonNode.DeepEquals(plan.Values, options["values"]), "the invoke renders with the values the Release installs");

        Assert.NotEmpty(plan.Spec.SecretValues);
        var args = Assert.Single(deployed.Args.Values);
        Assert.True(await Output.IsSecretAsync(args.Spec!.ToOutput()), "a spec rendered from secret values is a secret");
    }

    [Fact]
    public async Task A_release_whose_patches_change_no_hook_registers_no_patch()
    {
        var plan = Union();
        var withoutHooks = await Render();
        // Only the chart's own objects: the KnativeServing is not rendered as a hook.
        var rendered = withoutHooks.Where(obj => (string)((ImmutableDictionary<string, object>)obj)["kind"] != "KnativeServing").ToImmutableArray();
        var deployed = await Deploy(plan, rendered);
        Assert.Empty(deployed.Mocks.OfType(PatchType));
        Assert.Single(deployed.Mocks.Calls, c => c.Token == HookPatches.TemplateToken);
    }
}
