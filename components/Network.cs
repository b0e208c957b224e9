using System.Collections.Immutable;
using NodePools.Placement.Deployment;
using Pulumi;
using Ec2 = Pulumi.Aws.Ec2;

namespace NodePools.Components;

/// <summary>
/// The minimal VPC for a stack that declares no network: public subnets, one per availability zone
/// (<see cref="NetworkLayout"/>), and an internet gateway.
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
        var routes = new Ec2.RouteTable(name, new Ec2.RouteTableArgs
        {
            VpcId = vpc.Id,
            Routes = { new Ec2.Inputs.RouteTableRouteArgs { CidrBlock = "0.0.0.0/0", GatewayId = gateway.Id } },
            Tags = Tags(tags, name),
        }, child);

        var subnets = new List<Ec2.Subnet>();
        foreach (var (zone, cidr) in layout.Subnets)
        {
            var subnetTags = Tags(tags, $"{name}-{zone}");
            subnetTags.Add("kubernetes.io/role/elb", "1"); // where the load balancer controller puts public load balancers
            var subnet = new Ec2.Subnet($"{name}-{zone}", new Ec2.SubnetArgs
            {
                VpcId = vpc.Id,
                CidrBlock = cidr,
                AvailabilityZone = zone,
                MapPublicIpOnLaunch = true,
                Tags = subnetTags,
            }, child);
            _ = new Ec2.RouteTableAssociation($"{name}-{zone}", new Ec2.RouteTableAssociationArgs { SubnetId = subnet.Id, RouteTableId = routes.Id }, child);
            subnets.Add(subnet);
        }

        VpcId = vpc.Id;
        SubnetIds = Output.All(subnets.Select(subnet => subnet.Id));
        RegisterOutputs(new Dictionary<string, object?> { ["vpcId"] = VpcId, ["subnetIds"] = SubnetIds });
    }

    public Output<string> VpcId { get; }
    public Output<ImmutableArray<string>> SubnetIds { get; }

    private static InputMap<string> Tags(IReadOnlyDictionary<string, string> tags, string name)
    {
        var map = new InputMap<string>();
        foreach (var (key, value) in tags)
            map.Add(key, value);
        map.Add("Name", name);
        return map;
    }
}
