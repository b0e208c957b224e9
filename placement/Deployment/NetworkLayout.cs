using NodePools.Placement.Declaration;

namespace NodePools.Placement.Deployment;

/// <summary>
/// The minimal VPC created when a stack declares no network: one /16, one public /20 subnet per
/// declared availability zone, an internet gateway. Bring your own VPC with private subnets for
/// production (cluster.network).
/// </summary>
public sealed record NetworkLayout(string VpcCidr, IReadOnlyList<(string Zone, string Cidr)> Subnets)
{
    public const string VpcCidrBlock = "10.0.0.0/16";

    public static NetworkLayout For(ClusterSpec cluster) =>
        new(VpcCidrBlock, cluster.AvailabilityZones.Select((zone, i) => (zone, $"10.0.{i * 16}.0/20")).ToList());
}
