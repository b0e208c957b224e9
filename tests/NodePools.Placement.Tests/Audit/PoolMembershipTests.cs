using NodePools.Placement.Audit;
using NodePools.Placement.Kubernetes;
using NodePools.Placement.Planning;

namespace NodePools.Placement.Tests.Audit;

public sealed class PoolMembershipTests
{
    private static readonly IReadOnlyList<PoolPlan> Pools = StackText.Plan("""
          node-pools:pools:
            system:
              instanceTypes: [m6i.large]
              scaling: {min: 1, desired: 1, max: 3}
              labels: {role: system}
            gpu:
              instanceTypes: [g5.xlarge]
              scaling: {min: 0, desired: 0, max: 2}
              labels: {gpu: "true"}
            gpu-large:
              instanceTypes: [g5.12xlarge]
              scaling: {min: 0, desired: 0, max: 2}
              labels: {gpu: "true", size: large}
        """).Pools;

    public static TheoryData<string, string[], string?, MembershipSource?> Cases => new()
    {
        // case, node labels (key=value), expected pool, how
        { "the node group name's prefix", ["eks.amazonaws.com/nodegroup=gpu-20260101000000000000000001"], "gpu", MembershipSource.NodeGroup },
        { "the longest prefix: gpu-large is not gpu", ["eks.amazonaws.com/nodegroup=gpu-large-20260101000000000000000001"], "gpu-large", MembershipSource.NodeGroup },
        { "a node group of no pool, whatever its labels", ["eks.amazonaws.com/nodegroup=legacy-1", "gpu=true"], null, null },
        { "no node group label: the pool with most labels matching", ["gpu=true", "size=large", "k8s.amazonaws.com/accelerator=nvidia-a10g"], "gpu-large", MembershipSource.Labels },
        { "no node group label: one pool's labels (the accelerator label EKS puts on GPU nodes included)", ["gpu=true", "k8s.amazonaws.com/accelerator=nvidia-a10g"], "gpu", MembershipSource.Labels },
        { "no node group label: a GPU pool's labels without its accelerator", ["gpu=true"], null, null },
        { "no node group label and no pool's labels", ["team=x"], null, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_node_belongs_to_the_pool_its_node_group_or_labels_name(string @case, string[] labels, string? pool, MembershipSource? source)
    {
        var node = new LiveNode(new Node { Metadata = new ObjectMeta { Name = "n", Labels = labels.Select(l => l.Split('=')).ToDictionary(p => p[0], p => p[1]) } }, Ready: true);
        var membership = PoolMembership.Of(node, Pools);
        Assert.True((pool, source) == (membership?.Pool.Name, membership?.Source), @case);
    }
}
