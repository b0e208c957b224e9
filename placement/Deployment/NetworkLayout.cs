using NodePools.Placement.Declaration;

namespace NodePools.Placement.Deployment;

/// <summary>
/// The VPC created when a stack declares no network: one /16; per zone a private /19 for nodes and
/// pods (the VPC CNI gives every pod a VPC address) and a public /22 for load balancers and NAT;
/// NAT gateways per zone (a zone's outage leaves the others their egress) or a single one.
/// Subnets carry the tags the AWS Load Balancer Controller discovers them by.
/// </summary>
public sealed record NetworkLayout(string VpcCidr, IReadOnlyList<ZoneSubnets> Zones, bool NatPerZone)
{
    public const string VpcCidrBlock = "10.0.0.0/16";
    public const string PublicLoadBalancerTag = "kubernetes.io/role/elb";
    public const string InternalLoadBalancerTag = "kubernetes.io/role/internal-elb";

    /// <summary>The zone whose NAT gateway a zone's private subnet routes through.</summary>
    public string NatZoneFor(string zone) => NatPerZone ? zone : Zones[0].Zone;

    /// <summary>The zones that get a NAT gateway.</summary>
    public IEnumerable<ZoneSubnets> NatZones => NatPerZone ? Zones : Zones.Take(1);

    /// <summary>The Name tag of a zone's private subnet; "*" for the zone matches every one of the cluster's.</summary>
    public static string PrivateSubnetName(string cluster, string zone) => $"{cluster}-network-private-{zone}";

    /// <summary>Zones in the order of the address plan (zone i has the i-th private /19), from their private subnets' ranges.</summary>
    public static IReadOnlyList<string> PlanOrder(IEnumerable<(string Zone, string PrivateCidr)> subnets) =>
        subnets.OrderBy(subnet => System.Net.IPNetwork.TryParse(subnet.PrivateCidr, out var range)
                ? System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(range.BaseAddress.GetAddressBytes())
                : uint.MaxValue)
            .Select(subnet => subnet.Zone).Distinct().ToList();

    public static NetworkLayout For(ClusterSpec cluster, IReadOnlyList<string> zones)
    {
        if (zones.Count is < ClusterSpec.MinZones or > ClusterSpec.MaxZones)
            throw new ArgumentException($"a VPC spans {ClusterSpec.MinZones} to {ClusterSpec.MaxZones} zones, not {zones.Count}", nameof(zones));
        return new NetworkLayout(
            VpcCidrBlock,
            zones.Select((zone, i) => new ZoneSubnets(zone, Private: $"10.0.{i * 32}.0/19", Public: $"10.0.{192 + i * 4}.0/22")).ToList(),
            cluster.NatGateways == ClusterSpec.NatPerZone);
    }
}

/// <summary>One zone's subnets.</summary>
public sealed record ZoneSubnets(string Zone, string Private, string Public);
