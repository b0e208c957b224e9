using NodePools.Placement.Review;
using NodePools.Tests.Shared;

namespace NodePools.Placement.Tests.Review;

/// <summary>The order a version bump deploys in, as `nodepools diff` shows it.</summary>
public class UpgradeOrderTests
{
    private static NodePools.Placement.Planning.StackPlan Bumped(string version)
    {
        var text = File.ReadAllText(Repository.Path("Pulumi.prod.yaml"))
            .Replace("version: \"1.35\"", $"version: \"{version}\"", StringComparison.Ordinal)
            .Replace("    amiReleaseVersion: 1.35.5-20260520\n", "", StringComparison.Ordinal);
        var file = Path.Combine(Directory.CreateTempSubdirectory("nodepools-upgrade-").FullName, "Pulumi.prod.yaml");
        File.WriteAllText(file, text);
        return NodePools.Placement.Planning.StackPlanner.Plan(NodePools.Placement.Planning.StackFiles.ReadStackFile("node-pools", "prod", file));
    }

    [Fact]
    public void A_version_bump_rolls_the_control_plane_then_node_add_ons_then_pools_with_protected_ones_last()
    {
        Assert.Equal(
        [
            "the control plane: Kubernetes 1.34 → 1.35",
            "the add-ons nodes need (vpc-cni, kube-proxy) to their versions for 1.35",
            "the node groups, each maxUnavailable nodes at a time: system, services, worker, gpu, dispatch",
            "the protected node groups, after every other: data-store",
            "the add-ons that run on the nodes (coredns, eks-pod-identity-agent, aws-ebs-csi-driver) to their versions for 1.35",
            "the Cluster Autoscaler, on the image for 1.35 (v1.35.1)",
        ], UpgradeOrder.For(Bumped("1.34"), Bumped("1.35")));
    }

    [Fact]
    public void Without_a_version_bump_there_is_no_upgrade_order()
    {
        Assert.Empty(UpgradeOrder.For(Bumped("1.35"), Bumped("1.35")));
    }
}
