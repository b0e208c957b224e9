using System.Text.Json.Nodes;
using NodePools.Placement.Facts;
using NodePools.Tests.Shared;

namespace NodePools.Infra.Tests;

/// <summary>Upgrades move everything in step: every add-on pinned to its version for the cluster's minor, the autoscaler's image with it.</summary>
public class UpgradeTests
{
    private const string Addon = "aws:eks/addon:Addon";

    public static TheoryData<string, string> Versions => new()
    {
        { "dev", "1.33" },
        { "dev", "1.34" },
        { "prod", "1.33" },
    };

    private static void UseStack(string stack, string version)
    {
        var config = (JsonObject)JsonNode.Parse(StackConfig.FromStackFile(stack))!;
        config["node-pools:cluster"]!["version"] = version;
        config["node-pools:cluster"]!.AsObject().Remove("amiReleaseVersion"); // built for one minor only
        StackConfig.Use(config.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Every_add_on_is_pinned_to_its_version_for_the_clusters_minor_and_overwrites_on_update(string stack, string version)
    {
        UseStack(stack, version);
        var (mocks, _) = await ProgramRun.RunAsync(stack);

        var asked = mocks.Calls.Where(c => c.Token == "aws:eks/getAddonVersion:getAddonVersion").ToList();
        Assert.All(asked, call => Assert.Equal(version, call.Args["kubernetesVersion"]));
        var addons = mocks.OfType(Addon).ToList();
        Assert.Equal(["aws-ebs-csi-driver", "coredns", "eks-pod-identity-agent", "kube-proxy", "vpc-cni"], addons.Select(a => (string)a.Inputs["addonName"]).Order());
        Assert.Equal(addons.Select(a => (string)a.Inputs["addonName"]).Order(), asked.Select(c => (string)c.Args["addonName"]).Order());
        Assert.All(addons, addon =>
        {
            Assert.Equal(MockAccount.AddonVersion((string)addon.Inputs["addonName"], version), addon.Inputs["addonVersion"]);
            Assert.Equal("OVERWRITE", addon.Inputs["resolveConflictsOnUpdate"]);
            Assert.Equal("OVERWRITE", addon.Inputs["resolveConflictsOnCreate"]);
        });
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task The_Cluster_Autoscalers_image_follows_the_clusters_minor(string stack, string version)
    {
        UseStack(stack, version);
        var (mocks, _) = await ProgramRun.RunAsync(stack);

        var values = MockValues.ToJson(mocks.Single("kubernetes:helm.sh/v3:Release", "cluster-autoscaler").Inputs["values"])!;
        Assert.Equal(KubernetesVersions.AutoscalerImageTags[version], (string?)values["image"]!["tag"]);
        Assert.StartsWith($"v{version}.", (string?)values["image"]!["tag"]);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task Protected_node_groups_are_registered_after_every_other_node_group(string stack)
    {
        var (mocks, options) = await RecordingStack.Run(stack);
        var plan = NodePools.Placement.Pipeline.StackPipeline.PlanFromDirectory(StackConfig.RepositoryRoot, stack);
        var others = plan.Pools.Where(p => !p.Spec.Protect).Select(p => ("aws:eks/nodeGroup:NodeGroup", p.Name)).ToList();
        Assert.Contains(plan.Pools, p => p.Spec.Protect);
        foreach (var pool in plan.Pools)
        {
            var after = await RecordingStack.DependsOn(options[("aws:eks/nodeGroup:NodeGroup", pool.Name)]);
            if (pool.Spec.Protect)
                Assert.All(others, other => Assert.Contains(other, after));
            else
                Assert.DoesNotContain(after, d => d.Type == "aws:eks/nodeGroup:NodeGroup");
        }
        Assert.Equal(plan.Pools.Count, mocks.OfType("aws:eks/nodeGroup:NodeGroup").Count());
    }
}
