using System.Collections.Immutable;
using NodePools.Placement.Deployment;
using Pulumi;
using Ec2 = Pulumi.Aws.Ec2;

namespace NodePools.Components;

/// <summary>
/// The VPC for a stack that declares no network (<see cref="NetworkLayout"/>): per zone a public
/// subnet (load balancers, NAT) routed to the internet gateway and a private subnet (nodes, pods)
/// routed through a NAT gateway, its zone's or the single one.
/// </summary>
public sealed class Network : ComponentResource
{
    public Network(string name, NetworkLayout layout, IReadOnlyDictionary<string, string> tags, ComponentResourceOptions? options = null)
        : base(ComponentTypes.Network, name, options)
    {
        var child = new CustomResourceOptions { Parent = this };
        var vpc = new Ec2.Vpc(name, new Ec2.VpcArgs
        {
            CidrBlock = layout.VpcCidr,
            EnableDnsHostnames = true,
            EnableDnsSupport = true,
            Tags = Tags(tags, name),
        }, child);
        var gateway = new Ec2.InternetGateway(name, new Ec2.InternetGatewayArgs { VpcId = vpc.Id, Tags = Tags(tags, name) }, child);
        var publicRoutes = new Ec2.RouteTable($"{name}-public", new Ec2.RouteTableArgs
        {
            VpcId = vpc.Id,
            Routes = { new Ec2.Inputs.RouteTableRouteArgs { CidrBlock = "0.0.0.0/0", GatewayId = gateway.Id } },
            Tags = Tags(tags, $"{name}-public"),
        }, child);

        var publicSubnets = new Dictionary<string, Ec2.Subnet>(StringComparer.Ordinal);
        foreach (var zone in layout.Zones)
        {
            var subnet = new Ec2.Subnet($"{name}-public-{zone.Zone}", new Ec2.SubnetArgs
            {
                VpcId = vpc.Id,
                CidrBlock = zone.Public,
                AvailabilityZone = zone.Zone,
                MapPublicIpOnLaunch = false, // nothing but load balancers and NAT gateways lives here
                Tags = Tags(tags, $"{name}-public-{zone.Zone}", NetworkLayout.PublicLoadBalancerTag),
            }, child);
            _ = new Ec2.RouteTableAssociation($"{name}-public-{zone.Zone}", new Ec2.RouteTableAssociationArgs { SubnetId = subnet.Id, RouteTableId = publicRoutes.Id }, child);
            publicSubnets[zone.Zone] = subnet;
        }

        var natGateways = new Dictionary<string, Ec2.NatGateway>(StringComparer.Ordinal);
        foreach (var zone in layout.NatZones)
        {
            var address = new Ec2.Eip($"{name}-nat-{zone.Zone}", new Ec2.EipArgs { Domain = "vpc", Tags = Tags(tags, $"{name}-nat-{zone.Zone}") }, child);
            natGateways[zone.Zone] = new Ec2.NatGateway($"{name}-{zone.Zone}", new Ec2.NatGatewayArgs
            {
                AllocationId = address.Id,
                SubnetId = publicSubnets[zone.Zone].Id,
                Tags = Tags(tags, $"{name}-{zone.Zone}"),
            }, ChildOptions.After(this, [gateway]));
        }

        var privateSubnets = new List<Ec2.Subnet>();
        foreach (var zone in layout.Zones)
        {
            var routes = new Ec2.RouteTable($"{name}-private-{zone.Zone}", new Ec2.RouteTableArgs
            {
                VpcId = vpc.Id,
                Routes = { new Ec2.Inputs.RouteTableRouteArgs { CidrBlock = "0.0.0.0/0", NatGatewayId = natGateways[layout.NatZoneFor(zone.Zone)].Id } },
                Tags = Tags(tags, $"{name}-private-{zone.Zone}"),
            }, child);
            var subnet = new Ec2.Subnet($"{name}-private-{zone.Zone}", new Ec2.SubnetArgs
            {
                VpcId = vpc.Id,
                CidrBlock = zone.Private,
                AvailabilityZone = zone.Zone,
                MapPublicIpOnLaunch = false,
                Tags = Tags(tags, $"{name}-private-{zone.Zone}", NetworkLayout.InternalLoadBalancerTag),
            }, child);
            _ = new Ec2.RouteTableAssociation($"{name}-private-{zone.Zone}", new Ec2.RouteTableAssociationArgs { SubnetId = subnet.Id, RouteTableId = routes.Id }, child);
            privateSubnets.Add(subnet);
        }

        VpcId = vpc.Id;
        PublicSubnetIds = Output.All(layout.Zones.Select(zone => publicSubnets[zone.Zone].Id));
        PrivateSubnetIds = Output.All(privateSubnets.Select(subnet => subnet.Id));
        RegisterOutputs(new Dictionary<string, object?> { ["vpcId"] = VpcId, ["publicSubnetIds"] = PublicSubnetIds, ["privateSubnetIds"] = PrivateSubnetIds });
    }

    public Output<string> VpcId { get; }
    public Output<ImmutableArray<string>> PublicSubnetIds { get; }

    /// <summary>Where the nodes run.</summary>
    public Output<ImmutableArray<string>> PrivateSubnetIds { get; }

    private static InputMap<string> Tags(IReadOnlyDictionary<string, string> tags, string name, string? role = null)
    {
        var map = new InputMap<string>();
        foreach (var (key, value) in tags)
            map.Add(key, value);
        map.Add("Name", name);
        if (role is not null)
            map.Add(role, "1"); // how the AWS Load Balancer Controller finds public or internal subnets
        return map;
    }
}
