using System.Collections.Immutable;
using System.Text.Json.Nodes;
using NodePools.Infra;
using NodePools.Placement.Deployment;
using NodePools.Placement.Patching;
using NodePools.Placement.Planning;
using NodePools.Tests.Shared;
using Pulumi;
using Pulumi.Testing;
using Pulumi.Utilities;
using NodePools.Placement.Pipeline;

namespace NodePools.Infra.Tests;

/// <summary>The whole program under Pulumi mocks, for both example stacks, fed the stack config as the engine feeds it.</summary>
public class ProgramTests
{
    public static TheoryData<string> Stacks => ["dev", "prod"];

    private static async Task<(EchoMocks Mocks, IDictionary<string, object?> Outputs, StackPlan Plan)> Run(string stack)
    {
        StackConfig.Use(StackConfig.FromStackFile(stack));
        var mocks = new EchoMocks();
        var (_, outputs) = await Deployment.TestAsync(mocks, new TestOptions { IsPreview = false, ProjectName = "node-pools", StackName = stack },
            () => NodePoolsProgram.RunAsync(new Config(), "node-pools", stack));
        return (mocks, outputs, StackPipeline.PlanFromDirectory(StackConfig.RepositoryRoot, stack));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Every_node_group_has_exactly_the_declared_labels_its_accelerator_and_taints(string stack)
    {
        var (mocks, _, plan) = await Run(stack);
        var nodeGroups = mocks.OfType("aws:eks/nodeGroup:NodeGroup").ToDictionary(r => r.Name!);
        Assert.Equal(plan.Pools.Select(p => p.Name).Order(), nodeGroups.Keys.Order());
        foreach (var pool in plan.Pools)
        {
            var inputs = nodeGroups[pool.Name].Inputs;
            var labels = inputs.TryGetValue("labels", out var declared) ? MockValues.Map(declared).ToDictionary(l => l.Key, l => (string)l.Value) : new Dictionary<string, string>();
            // The declared labels, and on GPU pools the accelerator the Cluster Autoscaler recognises GPU nodes by.
            var expected = pool.Spec.Labels.ToDictionary();
            if (pool.HasGpuInstances)
                expected["k8s.amazonaws.com/accelerator"] = "nvidia-a10g";
            Assert.Equal(expected.OrderBy(l => l.Key), labels.OrderBy(l => l.Key));

            var taints = inputs.TryGetValue("taints", out var list)
                ? ((IEnumerable<object>)list).Select(MockValues.Map)
                    .Select(t => new EksTaint((string)t["key"], t.TryGetValue("value", out var v) ? (string)v : null, (string)t["effect"])).ToList()
                : [];
            Assert.Equal(pool.EksTaints, taints);
        }
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Declared_principals_get_access_and_each_namespace_is_one_resource(string stack)
    {
        var (mocks, _, plan) = await Run(stack);
        // The deploy role creates the cluster: EKS holds its entry, and the stack creates the others'.
        var others = plan.Declaration.Cluster.Access.Where(a => a.PrincipalArn != MockAccount.DeployRole).ToList();
        Assert.Equal(plan.Declaration.Cluster.Access.Count - 1, others.Count);
        Assert.Equal(others.Select(a => a.PrincipalArn).Order(),
            mocks.OfType("aws:eks/accessEntry:AccessEntry").Select(r => (string)r.Inputs["principalArn"]).Order());
        Assert.Equal(others.Select(a => (a.PrincipalArn, a.PolicyArn)).Order(),
            mocks.OfType("aws:eks/accessPolicyAssociation:AccessPolicyAssociation").Select(r => ((string)r.Inputs["principalArn"], (string)r.Inputs["policyArn"])).Order());
        var namespaces = plan.Releases.Select(r => r.Spec.Namespace).Concat(plan.PodTemplates.Select(t => t.Spec.Namespace))
            .Where(ns => !NodePools.Components.ClusterNamespaces.BuiltInNamespaces.Contains(ns)).Distinct().Order();
        Assert.Equal(namespaces, mocks.OfType("kubernetes:core/v1:Namespace").Select(r => (string)MockValues.Map(r.Inputs["metadata"])["name"]).Order());
        Assert.All(mocks.OfType("kubernetes:helm.sh/v3:Release"), release => Assert.False((bool)release.Inputs["createNamespace"]));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Every_release_carries_exactly_the_derived_values(string stack)
    {
        var (mocks, _, plan) = await Run(stack);
        foreach (var release in plan.Releases)
        {
            var registered = mocks.Single("kubernetes:helm.sh/v3:Release", release.Name);
            Assert.True(JsonNode.DeepEquals(release.Values, MockValues.ToJson(registered.Inputs["values"])), $"{stack}/{release.Name}: values differ");
            Assert.Equal(release.Spec.Namespace, registered.Inputs["namespace"]);
        }
    }

    [Fact]
    public async Task A_release_with_patches_reaches_the_engine_with_its_post_renderer_and_the_others_without()
    {
        var config = StackConfig.WithPatches("dev", "tekton-pipeline",
            """[{"target": {"kind": "Deployment", "name": "tekton-events-controller"}, "intent": {"pool": "dispatch"}}]""");
        StackConfig.Use(config);
        var mocks = new EchoMocks();
        await Deployment.TestAsync(mocks, new TestOptions { IsPreview = false, ProjectName = "node-pools", StackName = "dev" },
            () => NodePoolsProgram.RunAsync(new Config(), "node-pools", "dev"));
        var plan = StackPipeline.PlanFromConfig("node-pools", "dev", StackConfig.Lookup(config), "us-east-1");
        var postRenderer = PostRenderer.For(plan.Releases.Single(r => r.Name == "tekton-pipeline"))!;

        var releases = mocks.OfType("kubernetes:helm.sh/v3:Release").ToDictionary(r => r.Name!);
        Assert.Equal(postRenderer.ScriptPath, releases["tekton-pipeline"].Inputs["postrender"]);
        // The bundled stack's own patches (union's) name their post-renderer too; a release without patches has none.
        Assert.All(plan.Releases, r => Assert.Equal(PostRenderer.For(r)?.ScriptPath, releases[r.Name].Inputs.GetValueOrDefault("postrender")));
        Assert.Contains(plan.Releases, r => r.Patches.Count == 0);
        // Written where the program runs, which is where Pulumi starts the Kubernetes provider that runs helm.
        var (_, _, patches) = PatchFile.Read(Path.Combine(Directory.GetCurrentDirectory(), postRenderer.PatchesPath));
        Assert.Equal(plan.Releases.Single(r => r.Name == "tekton-pipeline").Patches, patches);
        Assert.True(File.Exists(Path.Combine(Directory.GetCurrentDirectory(), postRenderer.ScriptPath)));
    }

    [Fact]
    public async Task Values_carry_the_placement_at_the_right_paths_in_each_style()
    {
        var (mocks, _, _) = await Run("dev");
        JsonNode Values(string release) => MockValues.ToJson(mocks.Single("kubernetes:helm.sh/v3:Release", release).Inputs["values"])!;

        Assert.Equal("services", (string?)Values("union")["scheduling"]!["tolerations"]![0]!["value"]);
        Assert.Equal("union.ai/node-role",
            (string?)Values("union")["scheduling"]!["affinity"]!["nodeAffinity"]!["requiredDuringSchedulingIgnoredDuringExecution"]!["nodeSelectorTerms"]![0]!["matchExpressions"]![0]!["key"]);
        Assert.Equal("worker", (string?)Values("union")["config"]!["k8s"]!["plugins"]!["k8s"]!["default-tolerations"]![0]!["value"]);
        Assert.Contains("effect: NoExecute", (string)Values("tekton-pipeline")["configDefaults"]!["default-pod-template"]!);
        Assert.Equal("high-resource", (string?)Values("nvidia-device-plugin")["tolerations"]![0]!["value"]);
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Releases_are_registered_after_exactly_the_node_groups_of_the_pools_they_target_and_the_releases_they_name(string stack)
    {
        var (_, options) = await RecordingStack.Run(stack);
        var plan = StackPipeline.PlanFromDirectory(StackConfig.RepositoryRoot, stack);
        Assert.Contains(plan.Releases, release => release.Spec.Install.DependsOn.Count > 0);
        foreach (var release in plan.Releases)
        {
            // The options the release reached the engine with, not the list the program built them from.
            var after = await RecordingStack.DependsOn(options[("kubernetes:helm.sh/v3:Release", release.Name)]);
            var nodeGroups = after.Where(d => d.Type == "aws:eks/nodeGroup:NodeGroup").Select(d => d.Name).Order().ToList();
            Assert.NotEmpty(nodeGroups);
            Assert.Equal(release.TargetPools.Order(), nodeGroups);
            Assert.All(release.Spec.Install.DependsOn, name => Assert.Contains(("kubernetes:helm.sh/v3:Release", name), after));
        }
    }

    [Fact]
    public async Task Stack_outputs_name_the_cluster_keep_the_kubeconfig_secret_and_list_each_pool()
    {
        var (_, outputs, plan) = await Run("prod");
        Assert.Equal("nodepools-prod", outputs["clusterName"]);
        var kubeconfig = (Output<string>)outputs["kubeconfig"]!;
        Assert.True(await Output.IsSecretAsync(kubeconfig));
        Assert.Equal(EchoMocks.Kubeconfig, await OutputUtilities.GetValueAsync(kubeconfig));

        var pools = (IDictionary<string, object?>)outputs["pools"]!;
        Assert.Equal(plan.Pools.Select(p => p.Name).Order(), pools.Keys.Order());
        var gpu = (IDictionary<string, object?>)pools["gpu"]!;
        Assert.Equal("gpu-20261122", await OutputUtilities.GetValueAsync((Output<string>)gpu["nodeGroupName"]!));
        Assert.Equal(["workload=high-resource:NO_SCHEDULE"], await OutputUtilities.GetValueAsync((Output<ImmutableArray<string>>)gpu["taints"]!));

        var placement = outputs["placement"]!.ToDictionaryOf<ImmutableArray<string>>();
        Assert.Equal(["data-store"], placement["postgresql/readReplicas"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_autoscaler_is_told_the_stacks_region_or_else_the_providers(bool namesRegion)
    {
        var environment = Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION");
        Assert.SkipWhen(!namesRegion && environment is { Length: > 0 }, $"AWS_REGION is set here ({environment}) and names the region");
        // The dev stack discovers its zones (zoneCount): without aws:region nothing in it names the region.
        var yaml = File.ReadAllText(Path.Combine(StackConfig.RepositoryRoot, "Pulumi.dev.yaml"));
        StackConfig.Use(StackConfig.FromYaml(namesRegion ? yaml : yaml.Replace("  aws:region: us-east-1\n", "", StringComparison.Ordinal)));
        var mocks = new EchoMocks();
        await Deployment.TestAsync(mocks, new TestOptions { IsPreview = false, ProjectName = "node-pools", StackName = "dev" },
            () => NodePoolsProgram.RunAsync(new Config(), "node-pools", "dev"));

        Assert.Equal(!namesRegion, mocks.Calls.Any(call => call.Token == "aws:index/getRegion:getRegion"));
        var values = MockValues.ToJson(mocks.Single("kubernetes:helm.sh/v3:Release", "cluster-autoscaler").Inputs["values"])!;
        Assert.Equal(namesRegion ? "us-east-1" : EchoMocks.ProviderRegion, (string?)values["awsRegion"]);
    }

    [Fact]
    public async Task An_invalid_stack_registers_nothing_and_fails_with_the_validators_message()
    {
        var config = StackConfig.FromStackFile("dev").Replace("\"effect\":\"NoSchedule\"", "\"effect\":\"NO_SCHEDULE\"");
        StackConfig.Use(config);
        var mocks = new EchoMocks();
        var failure = await ProgramFailure.MessagesAsync(mocks);

        Assert.Contains("taint effect \"NO_SCHEDULE\": write the Kubernetes spelling \"NoSchedule\"", failure);
        Assert.Contains("node-pools:pools.services.taints[0].effect", failure);
        Assert.Empty(mocks.Registered);
    }

    [Fact]
    public async Task A_stack_with_error_findings_registers_nothing()
    {
        // Five replicas spread one per node on a GPU pool of at most two nodes.
        var config = (JsonObject)JsonNode.Parse(StackConfig.FromStackFile("dev"))!;
        config["node-pools:releases"]!["inference"]!["slots"]![0]!["replicas"] = 5;
        config["node-pools:releases"]!["inference"]!["slots"]![0]!["spreadAcrossNodes"] = true;
        config["node-pools:releases"]!["inference"]!["slots"]![0]!["podLabels"] = new JsonObject { ["app"] = "inference" };
        StackConfig.Use(config.ToJsonString());
        var mocks = new EchoMocks();
        Assert.Contains("spread-exceeds-max", await ProgramFailure.MessagesAsync(mocks));
        Assert.Empty(mocks.Registered);
    }
}

internal static class OutputDictionaries
{
    /// <summary>Stack outputs come back as the objects the program returned.</summary>
    public static IDictionary<string, T> ToDictionaryOf<T>(this object value) =>
        ((IDictionary<string, object?>)value).ToDictionary(pair => pair.Key, pair => (T)pair.Value!);
}
