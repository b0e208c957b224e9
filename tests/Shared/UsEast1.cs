using NodePools.Placement.Deployment;

namespace NodePools.Tests.Shared;

/// <summary>An account's zones in us-east-1, in AWS's order; us-east-1e is use1-az3 here, which EKS refuses.</summary>
public static class UsEast1
{
    public static readonly AvailableZone[] Zones =
    [
        new("us-east-1a", "use1-az6"), new("us-east-1b", "use1-az1"), new("us-east-1c", "use1-az2"),
        new("us-east-1d", "use1-az4"), new("us-east-1e", "use1-az3"), new("us-east-1f", "use1-az5"),
    ];
}
