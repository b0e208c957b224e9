using NodePools.Placement.Declaration;
using NodePools.Placement.Deployment;
using NodePools.Placement.Facts;

namespace NodePools.Placement.Tests.Deployment;

/// <summary>Which zones a created VPC spans, from what the account reports.</summary>
public class ZoneSelectionTests
{
    private static readonly AvailableZone[] UsEast1 = NodePools.Tests.Shared.UsEast1.Zones;

    private static readonly PoolSpec[] Pools =
    [
        new() { Name = "general", InstanceTypes = ["m6i.large"], AmiType = "AL2023_x86_64_STANDARD", CapacityType = "ON_DEMAND", Scaling = new(1, 1, 2), DiskSize = 50, Labels = new Dictionary<string, string>(), Taints = [], Update = new(1, null), Protect = false },
        new() { Name = "gpu", InstanceTypes = ["g5.xlarge"], AmiType = "AL2023_x86_64_NVIDIA", CapacityType = "ON_DEMAND", Scaling = new(0, 0, 2), DiskSize = 50, Labels = new Dictionary<string, string>(), Taints = [], Update = new(1, null), Protect = false },
    ];

    /// <summary>m6i.large everywhere; g5.xlarge everywhere but the listed zones.</summary>
    private static Dictionary<string, IReadOnlySet<string>> Offered(params string[] withoutGpu) => new()
    {
        ["m6i.large"] = UsEast1.Select(z => z.Name).ToHashSet(),
        ["g5.xlarge"] = UsEast1.Select(z => z.Name).Except(withoutGpu).ToHashSet(),
    };

    private static ClusterSpec Cluster(int zoneCount = 3, string[]? named = null, string[]? excluded = null) => new()
    {
        Name = "c", Version = "1.33", ZoneCount = zoneCount, AvailabilityZones = named ?? [], ExcludeZoneIds = excluded ?? [],
    };

    public static TheoryData<ClusterSpec, string[], string[], string?> Cases => new()
    {
        // The first zones in AWS's order.
        { Cluster(3), [], ["us-east-1a", "us-east-1b", "us-east-1c"], null },
        // A zone without one pool's instance type is skipped.
        { Cluster(3), ["us-east-1b"], ["us-east-1a", "us-east-1c", "us-east-1d"], null },
        // use1-az3 is never chosen, whatever its name in this account.
        { Cluster(5), [], ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1f"], null },
        // The stack's own exclusions, by ID.
        { Cluster(2, excluded: ["use1-az6"]), [], ["us-east-1b", "us-east-1c"], null },
        // Too few zones offer everything.
        { Cluster(2), ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1f"], [], "us-east-1a lacks g5.xlarge (pool gpu)" },
        // Named zones are kept as named, and checked.
        { Cluster(named: ["us-east-1b", "us-east-1c"]), [], ["us-east-1b", "us-east-1c"], null },
        { Cluster(named: ["us-east-1a", "us-east-1e"]), [], ["us-east-1a", "us-east-1e"], "us-east-1e is use1-az3 in this account, which EKS does not support" },
        { Cluster(named: ["us-east-1a", "us-east-1b"]), ["us-east-1b"], ["us-east-1a", "us-east-1b"], "us-east-1b does not offer g5.xlarge (pool gpu)" },
        { Cluster(named: ["us-east-1a", "us-east-1z"]), [], ["us-east-1a", "us-east-1z"], "us-east-1z is not available to this account" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Zones_are_the_named_or_first_usable_ones_that_offer_every_instance_type(ClusterSpec cluster, string[] withoutGpu, string[] zones, string? problem)
    {
        var choice = ZoneSelection.Choose(cluster, Pools, UsEast1, Offered(withoutGpu));
        Assert.Equal(zones, choice.Zones);
        if (problem is null)
            Assert.True(choice.Ok, string.Join("\n", choice.Problems));
        else
            Assert.Contains(choice.Problems, p => p.Contains(problem, StringComparison.Ordinal));
    }

    public static TheoryData<ClusterSpec, string[], string[], string?> Kept => new()
    {
        // The zones the stack's subnets span stay, though discovery would now choose others (us-east-1a first).
        { Cluster(2), ["us-east-1c", "us-east-1d"], [], null },
        { Cluster(named: ["us-east-1d", "us-east-1c"]), ["us-east-1c", "us-east-1d"], [], null },
        // A change that would move them is refused, with why.
        { Cluster(3), ["us-east-1c", "us-east-1d"], [], "zoneCount is 3, and the stack's VPC spans us-east-1c, us-east-1d, and zones never move" },
        { Cluster(named: ["us-east-1a", "us-east-1b"]), ["us-east-1c", "us-east-1d"], [], "availabilityZones lists us-east-1a, us-east-1b, and the stack's VPC spans us-east-1c, us-east-1d" },
        { Cluster(2), ["us-east-1c", "us-east-1d"], ["us-east-1d"], "availability zone us-east-1d does not offer g5.xlarge (pool gpu), and the stack's VPC spans us-east-1c, us-east-1d, and zones never move" },
    };

    [Theory]
    [MemberData(nameof(Kept))]
    public void Zones_the_stacks_subnets_span_never_move(ClusterSpec cluster, string[] existing, string[] withoutGpu, string? problem)
    {
        var choice = ZoneSelection.Keep(cluster, Pools, UsEast1, Offered(withoutGpu), existing);
        Assert.Equal(existing, choice.Zones);
        if (problem is null)
            Assert.True(choice.Ok, string.Join("\n", choice.Problems));
        else
            Assert.Contains(choice.Problems, p => p.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void Before_the_first_deployment_zones_are_chosen()
    {
        Assert.Equal(ZoneSelection.Choose(Cluster(2), Pools, UsEast1, Offered()).Zones, ZoneSelection.Keep(Cluster(2), Pools, UsEast1, Offered(), []).Zones);
    }

    [Fact]
    public void Existing_zones_come_back_in_the_order_of_the_address_plan()
    {
        Assert.Equal(["us-east-1d", "us-east-1b", "us-east-1c"],
            NetworkLayout.PlanOrder([("us-east-1c", "10.0.64.0/19"), ("us-east-1d", "10.0.0.0/19"), ("us-east-1b", "10.0.32.0/19")]));
    }
}
