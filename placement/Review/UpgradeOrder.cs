using NodePools.Placement.Deployment;
using NodePools.Placement.Facts;
using NodePools.Placement.Planning;

namespace NodePools.Placement.Review;

/// <summary>
/// The order a Kubernetes version bump is deployed in, as the program's dependencies make it: the
/// control plane, the add-ons the nodes need, the node groups (each after the network add-ons),
/// the protected (stateful) node groups after every other, then the add-ons that run on the nodes
/// and the Cluster Autoscaler. Empty when the version does not change.
/// </summary>
public static class UpgradeOrder
{
    public static IReadOnlyList<string> For(StackPlan before, StackPlan after)
    {
        var (from, to) = (before.Declaration.Cluster.Version, after.Declaration.Cluster.Version);
        if (from == to)
            return [];
        var pools = after.Pools.Where(pool => !pool.Spec.Protect).Select(pool => pool.Name).ToList();
        var protectedPools = after.Pools.Where(pool => pool.Spec.Protect).Select(pool => pool.Name).ToList();
        var steps = new List<string>
        {
            $"the control plane: Kubernetes {from} → {to}",
            $"the add-ons nodes need ({ClusterAddonSettings.VpcCni}, {ClusterAddonSettings.KubeProxy}) to their versions for {to}",
        };
        if (pools.Count > 0)
            steps.Add($"the node groups, each maxUnavailable nodes at a time: {string.Join(", ", pools)}");
        if (protectedPools.Count > 0)
            steps.Add($"the protected node groups, after every other: {string.Join(", ", protectedPools)}");
        steps.Add($"the add-ons that run on the nodes ({ClusterAddonSettings.CoreDns}, {StorageSettings.PodIdentityAgentAddon}, {StorageSettings.EbsCsiAddon}) to their versions for {to}");
        if (after.Declaration.AutoscalerRuns)
            steps.Add($"the Cluster Autoscaler, on the image for {to}" + (KubernetesVersions.AutoscalerImageTags.TryGetValue(to, out var tag) ? $" ({tag})" : " (the chart's: no release for it is known)"));
        return steps;
    }
}
