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
    /// <summary>The GPU a pool's nodes carry (k8s.amazonaws.com/accelerator), when every instance type carries the same one.</summary>
    public static string? PoolAccelerator(PoolSpec pool) =>
        pool.InstanceTypes.Select(InstanceTypes.Accelerator).Distinct().ToList() is [{ } accelerator] ? accelerator : null;

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
        if (PoolAccelerator(pool) is { } accelerator)
            labels[WellKnownLabels.AwsAccelerator] = accelerator;
        foreach (var (key, value) in pool.Labels)
            labels[key] = value;
        var allocatable = InstanceCatalog.Allocatable(pool.InstanceTypes.FirstOrDefault() ?? "", pool.DiskSize, pool.AmiType.Contains("NVIDIA", StringComparison.Ordinal));
        var node = new Node { Status = allocatable is null ? null : new NodeStatus { Allocatable = allocatable.ToDictionary() } };
        return new SchedulingNode(hostname, labels, pool.Taints, allocatable: ResourceFit.Allocatable(node));
    }
}
