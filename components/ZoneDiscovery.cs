using NodePools.Placement.Deployment;
using NodePools.Placement.Planning;
using Pulumi;
using Aws = Pulumi.Aws;
using NodePools.Placement.Facts;

namespace NodePools.Components;

/// <summary>
/// Asks the account which zones the created VPC can span, where each pool's instance types are
/// offered, and which zones the stack's subnets already span, and lets <see cref="ZoneSelection"/>
/// choose — or keep: zone names map to different zones in every account, EKS refuses some zones by
/// ID, and once chosen zones never move. Read once, before any resource is declared, because the
/// subnets are one resource per zone.
/// </summary>
public static class ZoneDiscovery
{
    /// <summary>The zones of a created VPC; empty for a declared network (its subnets decide).</summary>
    public static async Task<IReadOnlyList<string>> ZonesAsync(StackPlan plan)
    {
        var cluster = plan.Declaration.Cluster;
        if (cluster.Network is not null)
            return [];

        var zones = await Aws.GetAvailabilityZones.InvokeAsync(new Aws.GetAvailabilityZonesArgs
        {
            State = "available",
            ExcludeZoneIds = [.. ZoneSelection.EksUnsupportedZoneIds, .. cluster.ExcludeZoneIds],
            // Availability zones proper: no Local or Wavelength zones.
            Filters = { new Aws.Inputs.GetAvailabilityZonesFilterArgs { Name = "opt-in-status", Values = { "opt-in-not-required" } } },
        }).ConfigureAwait(false);

        var instanceTypes = plan.Pools.SelectMany(pool => pool.Spec.InstanceTypes).Distinct(StringComparer.Ordinal).ToList();
        var offerings = await Aws.Ec2.GetInstanceTypeOfferings.InvokeAsync(new Aws.Ec2.GetInstanceTypeOfferingsArgs
        {
            LocationType = "availability-zone",
            Filters = { new Aws.Ec2.Inputs.GetInstanceTypeOfferingsFilterArgs { Name = "instance-type", Values = instanceTypes } },
        }).ConfigureAwait(false);
        // The result pairs each offered instance type with one zone, index by index.
        var offered = offerings.InstanceTypes.Zip(offerings.Locations)
            .GroupBy(pair => pair.First, pair => pair.Second, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => (IReadOnlySet<string>)group.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

        var available = zones.Names.Zip(zones.ZoneIds, (name, id) => new AvailableZone(name, id)).ToList();
        var existing = await ExistingZonesAsync(cluster.Name).ConfigureAwait(false);
        var choice = ZoneSelection.Keep(cluster, plan.Pools.Select(pool => pool.Spec).ToList(), available, offered, existing);
        if (!choice.Ok)
        {
            throw new RunException($"The stack's availability zones (node-pools:cluster.availabilityZones, zoneCount, excludeZoneIds) do not work in this account:{Environment.NewLine}"
                                   + string.Join(Environment.NewLine, choice.Problems.Select(problem => $"  {problem}")));
        }
        return choice.Zones;
    }

    /// <summary>The zones of the private subnets the stack created on an earlier deployment, in address-plan order; empty before the first.</summary>
    private static async Task<IReadOnlyList<string>> ExistingZonesAsync(string clusterName)
    {
        var subnets = await Aws.Ec2.GetSubnets.InvokeAsync(new Aws.Ec2.GetSubnetsArgs
        {
            Filters = { new Aws.Ec2.Inputs.GetSubnetsFilterArgs { Name = "tag:Name", Values = { NetworkLayout.PrivateSubnetName(clusterName, "*") } } },
        }).ConfigureAwait(false);
        var found = new List<(string Zone, string PrivateCidr)>();
        foreach (var id in subnets.Ids)
        {
            var subnet = await Aws.Ec2.GetSubnet.InvokeAsync(new Aws.Ec2.GetSubnetArgs { Id = id }).ConfigureAwait(false);
            found.Add((subnet.AvailabilityZone, subnet.CidrBlock));
        }
        return NetworkLayout.PlanOrder(found);
    }
}
