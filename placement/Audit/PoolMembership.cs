using NodePools.Placement.Deployment;
using NodePools.Placement.Kubernetes;
using NodePools.Placement.Planning;

namespace NodePools.Placement.Audit;

/// <summary>How a node was found to belong to its pool.</summary>
public enum MembershipSource { NodeGroup, Labels }

/// <summary>
/// Which declared pool a node belongs to. EKS labels every node of a managed node group with the
/// group's name (eks.amazonaws.com/nodegroup), and a pool's group is named with the pool's name as
/// its prefix (pool "gpu" → "gpu-20260101…"); the longest pool name that prefixes it wins, so "gpu-large"
/// is not taken for "gpu". A node without that label (self-managed, or a group created by other means)
/// belongs to the pool whose labels it carries, the one with most labels when several match.
/// </summary>
public static class PoolMembership
{
    public static (PoolPlan Pool, MembershipSource Source)? Of(LiveNode node, IReadOnlyList<PoolPlan> pools)
    {
        if (node.Labels.TryGetValue(WellKnownLabels.EksNodegroup, out var group))
        {
            var byName = pools
                .Where(pool => group == pool.Name || group.StartsWith(pool.Name + "-", StringComparison.Ordinal))
                .OrderByDescending(pool => pool.Name.Length)
                .FirstOrDefault();
            return byName is null ? null : (byName, MembershipSource.NodeGroup);
        }
        var byLabels = pools
            .Select(pool => (Pool: pool, Labels: NodeGroupSettings.NodeLabels(pool.Spec)))
            .Where(candidate => candidate.Labels.Count > 0 && candidate.Labels.All(label => node.Labels.TryGetValue(label.Key, out var value) && value == label.Value))
            .OrderByDescending(candidate => candidate.Labels.Count)
            .Select(candidate => candidate.Pool)
            .FirstOrDefault();
        return byLabels is null ? null : (byLabels, MembershipSource.Labels);
    }
}
