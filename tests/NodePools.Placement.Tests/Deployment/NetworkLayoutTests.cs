using NodePools.Placement.Declaration;
using NodePools.Placement.Deployment;
using NodePools.Placement.Planning;
using NodePools.Tests.Shared;
using NodePools.Placement.Pipeline;

namespace NodePools.Placement.Tests.Deployment;

/// <summary>The VPC created for a stack that declares no network: its address plan and NAT gateways.</summary>
public class NetworkLayoutTests
{
    private static readonly ClusterSpec Dev = StackPipeline.PlanFromDirectory(Repository.Root, "dev").Declaration.Cluster;

    [Fact]
    public void Without_a_network_one_private_and_one_public_subnet_per_zone_is_laid_out()
    {
        var layout = NetworkLayout.For(Dev, ["us-east-1a", "us-east-1b"]);
        Assert.Equal("10.0.0.0/16", layout.VpcCidr);
        Assert.Equal([new ZoneSubnets("us-east-1a", "10.0.0.0/19", "10.0.192.0/22"), new ZoneSubnets("us-east-1b", "10.0.32.0/19", "10.0.196.0/22")], layout.Zones);
    }

    [Fact]
    public void The_layout_gives_each_zone_a_private_and_a_public_subnet_and_NAT_per_zone_or_one()
    {
        var zones = new[] { "us-east-1a", "us-east-1b", "us-east-1c" };
        var perZone = NetworkLayout.For(Dev with { NatGateways = ClusterSpec.NatPerZone }, zones);
        Assert.Equal(["10.0.0.0/19", "10.0.32.0/19", "10.0.64.0/19"], perZone.Zones.Select(z => z.Private));
        Assert.Equal(["10.0.192.0/22", "10.0.196.0/22", "10.0.200.0/22"], perZone.Zones.Select(z => z.Public));
        Assert.Equal(zones, perZone.NatZones.Select(z => z.Zone));
        Assert.Equal("us-east-1b", perZone.NatZoneFor("us-east-1b"));

        var single = NetworkLayout.For(Dev with { NatGateways = ClusterSpec.NatSingle }, zones);
        Assert.Equal(["us-east-1a"], single.NatZones.Select(z => z.Zone));
        Assert.Equal("us-east-1a", single.NatZoneFor("us-east-1c"));
    }

    [Fact]
    public void Six_zones_fit_the_address_plan_without_overlap()
    {
        var layout = NetworkLayout.For(Dev, ["a", "b", "c", "d", "e", "f"]);
        var blocks = layout.Zones.SelectMany(z => new[] { z.Private, z.Public }).Select(System.Net.IPNetwork.Parse).ToList();
        foreach (var (block, i) in blocks.Select((b, i) => (b, i)))
        {
            Assert.True(System.Net.IPNetwork.Parse(NetworkLayout.VpcCidrBlock).Contains(block.BaseAddress));
            foreach (var other in blocks.Skip(i + 1))
                Assert.False(block.Contains(other.BaseAddress) || other.Contains(block.BaseAddress), $"{block} overlaps {other}");
        }
    }
}
