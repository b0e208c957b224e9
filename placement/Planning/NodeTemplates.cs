using NodePools.Placement.Declaration;
using NodePools.Placement.Kubernetes;
using NodePools.Placement.Scheduling;
using NodePools.Placement.Facts;

namespace NodePools.Placement.Planning;

/// <summary>
/// The node a pool stands for in the simulation: its own labels plus those EKS and the kubelet add
/// (node group, capacity type, instance type, architecture, OS, zone, hostname), its taints, and the
/// allocatable a node of its instance type reports (<see cref="InstanceCatalog"/>), so NodeResourcesFit
/// applies. A pool with several instance types is represented by its first; an instance type the
/// catalog does not know leaves resources unchecked.
/// </summary>
public static class NodeTemplates
{
    public static SchedulingNode For(PoolSpec pool, ClusterSpec cluster)
    {
        var hostname = $"{pool.Name}-node";
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [WellKnownLabels.EksNodegroup] = pool.Name,
            [WellKnownLabels.EksCapacityType] = pool.CapacityType,
            [WellKnownLabels.InstanceType] = pool.InstanceTypes.FirstOrDefault() ?? "",
            [WellKnownLabels.Arch] = AmiTypes.Architecture(pool.AmiType),
            [WellKnownLabels.Os] = AmiTypes.OperatingSystem(pool.AmiType),
            [WellKnownLabels.Hostname] = hostname,
        };
        if (cluster.AvailabilityZones.Count > 0)
            labels[WellKnownLabels.Zone] = cluster.AvailabilityZones[0];
        foreach (var (key, value) in pool.Labels)
            labels[key] = value;
        var allocatable = InstanceCatalog.Allocatable(pool.InstanceTypes.FirstOrDefault() ?? "", pool.DiskSize, pool.AmiType.Contains("NVIDIA", StringComparison.Ordinal));
        var node = new Node { Status = allocatable is null ? null : new NodeStatus { Allocatable = allocatable.ToDictionary() } };
        return new SchedulingNode(hostname, labels, pool.Taints, allocatable: ResourceFit.Allocatable(node));
    }
}
