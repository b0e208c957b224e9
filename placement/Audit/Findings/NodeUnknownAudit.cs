using NodePools.Placement.Checks;
using NodePools.Placement.Kubernetes;

namespace NodePools.Placement.Audit;

/// <summary>node-unknown: nodes no declared pool claims, one finding per node group (or per node without one).</summary>
internal static class NodeUnknownAudit
{
    public static IEnumerable<AuditFinding> Find(AuditContext context)
    {
        foreach (var group in context.Nodes.Where(node => node.Pool is null)
                     .GroupBy(node => node.Live.Labels.TryGetValue(WellKnownLabels.EksNodegroup, out var name) ? name : null))
        {
            var nodes = group.Select(node => node.Name).ToList();
            var what = group.Key is { } nodeGroup ? $"node group {nodeGroup}" : "nodes without a node group label";
            yield return new AuditFinding(null, Rules.NodeUnknown.Warning(
                group.Key is null && nodes.Count == 1 ? $"node {nodes[0]}" : what,
                $"{Names.Count(nodes.Count, "node")} ({Names.List(nodes)}) of no declared pool: no pool's node group name prefixes {(group.Key is null ? "their node group" : group.Key)} and none has all of a pool's labels, so nothing the stack places is meant to run there") with
            {
                Fix = "declare the pool in the stack's pools, or remove the node group if nothing should run on it",
            });
        }
    }
}
