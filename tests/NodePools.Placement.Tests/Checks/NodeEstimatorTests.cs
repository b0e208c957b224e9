using NodePools.Placement.Checks;

namespace NodePools.Placement.Tests.Checks;

/// <summary>The Cluster Autoscaler's binpacking estimate, case by case, worked out by hand.</summary>
public class NodeEstimatorTests
{
    // m6i.large and m6i.xlarge as EKS reports them (InstanceCatalog), in scheduling units.
    private static readonly Dictionary<string, long> Large = new() { ["cpu"] = 1930, ["memory"] = 7_418L << 20, ["pods"] = 29 };
    private static readonly Dictionary<string, long> XLarge = new() { ["cpu"] = 3920, ["memory"] = 15_103L << 20, ["pods"] = 58 };

    // The EKS add-ons' node agents: aws-node 50m, kube-proxy 100m, the pod identity agent, the EBS CSI node plugin 10m and 40Mi.
    private static readonly IReadOnlyDictionary<string, long>[] Agents =
        [Cpu(50), Cpu(100), Cpu(0), new Dictionary<string, long> { ["cpu"] = 10, ["memory"] = 40L << 20 }];

    private static Dictionary<string, long> Cpu(long millicores) => millicores == 0 ? [] : new() { ["cpu"] = millicores };

    private static PodGroup Group(string name, int count, long millicores, long mebibytes = 0)
    {
        var requests = Cpu(millicores);
        if (mebibytes > 0)
            requests["memory"] = mebibytes << 20;
        return new PodGroup(name, count, requests, requests);
    }

    public static TheoryData<string, PodGroup[], Dictionary<string, long>, bool, int, int> Cases => new()
    {
        // what, groups, node, with the add-ons' agents, nodes, pods that fit no node
        { "six 1-CPU pods on m6i.large: one per node", [Group("union", 6, 1000)], Large, true, 6, 0 },
        { "the same on m6i.xlarge: three per node beside the agents (3,760m left)", [Group("union", 6, 1000)], XLarge, true, 2, 0 },
        { "without the agents an m6i.xlarge holds three too", [Group("union", 7, 1000)], XLarge, false, 3, 0 },
        { "pods without requests fill the pod slots: 29 less 4 agents per node", [Group("tiny", 30, 0)], Large, true, 2, 0 },
        { "a pod larger than a node, beside the agents, fits none", [Group("huge", 3, 1800)], Large, true, 0, 3 },
        { "larger groups first, then the small pods fill the gaps: 2×1,500m, then 8×300m", [Group("small", 8, 300), Group("big", 2, 1500)], Large, false, 3, 0 },
        { "memory orders as CPU does: the 6Gi pods first", [Group("cpu", 4, 400), Group("memory", 2, 100, 6 * 1024)], Large, false, 2, 0 },
        { "no pods, no nodes", [Group("none", 0, 1000)], Large, true, 0, 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_estimate_is_the_autoscalers(string _, PodGroup[] groups, Dictionary<string, long> node, bool agents, int nodes, int unplaced) =>
        Assert.Equal(new NodeEstimate(nodes, unplaced), NodeEstimator.Estimate(groups, node, agents ? Agents : []));
}
