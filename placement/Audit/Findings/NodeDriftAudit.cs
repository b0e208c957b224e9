using NodePools.Placement.Checks;
using NodePools.Placement.Deployment;
using NodePools.Placement.Kubernetes;

namespace NodePools.Placement.Audit;

/// <summary>
/// node-drift: a node of a pool without the pool's labels and taints as declared, or with a
/// NoSchedule/NoExecute taint the pool does not declare. Taints Kubernetes and the autoscaler put on
/// nodes for a while (not-ready, unreachable, cordon, scale-down) are not drift. One finding per pool
/// and difference, naming its nodes.
/// </summary>
internal static class NodeDriftAudit
{
    /// <summary>Taint keys the control plane, the cloud provider and the autoscalers add and remove on their own.</summary>
    private static readonly string[] TransientPrefixes =
    [
        "node.kubernetes.io/", "node.cloudprovider.kubernetes.io/", "node-role.kubernetes.io/",
        "ToBeDeletedByClusterAutoscaler", "DeletionCandidateOfClusterAutoscaler", "karpenter.sh/",
    ];

    public static IEnumerable<AuditFinding> Find(AuditContext context)
    {
        var drifts = new List<(string Pool, string Difference, string Fix, string Node)>();
        foreach (var node in context.Nodes)
        {
            if (node.Pool is not { } pool)
                continue;
            foreach (var (key, value) in NodeGroupSettings.NodeLabels(pool.Spec))
            {
                if (!node.Live.Labels.TryGetValue(key, out var actual))
                    drifts.Add((pool.Name, $"lacks the pool's label {key}={value}", $"kubectl label node NODE {key}={value}, or pulumi up to restore the node group's labels", node.Name));
                else if (actual != value)
                    drifts.Add((pool.Name, $"has label {key}={actual}, the pool declares {key}={value}", $"kubectl label node NODE {key}={value} --overwrite", node.Name));
            }
            foreach (var taint in pool.Spec.Taints)
            {
                var same = node.Live.Taints.Where(t => t.Key == taint.Key).ToList();
                if (same.Count == 0)
                    drifts.Add((pool.Name, $"lacks the pool's taint {taint}", $"kubectl taint node NODE {taint}, or pulumi up to restore the node group's taints", node.Name));
                else if (!same.Any(t => t.Effect == taint.Effect && (t.Value ?? "") == (taint.Value ?? "")))
                    drifts.Add((pool.Name, $"has taint {string.Join(", ", same)}, the pool declares {taint}", $"kubectl taint node NODE {taint.Key}- && kubectl taint node NODE {taint}", node.Name));
            }
            foreach (var taint in node.Live.Taints)
            {
                if (taint.Effect is TaintEffects.NoSchedule or TaintEffects.NoExecute
                    && !pool.Spec.Taints.Any(declared => declared.Key == taint.Key)
                    && !TransientPrefixes.Any(prefix => taint.Key.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    drifts.Add((pool.Name, $"carries taint {taint}, which the pool does not declare",
                        $"kubectl taint node NODE {taint.Key}:{taint.Effect}- to remove it, or declare it on pool {pool.Name}", node.Name));
                }
            }
        }
        foreach (var group in drifts.GroupBy(drift => (drift.Pool, drift.Difference)))
        {
            var nodes = group.Select(drift => drift.Node).ToList();
            var subject = nodes.Count == 1 ? $"node {nodes[0]} (pool {group.Key.Pool})" : $"{nodes.Count} nodes of pool {group.Key.Pool}";
            var fix = group.First().Fix.Replace("NODE", nodes.Count == 1 ? nodes[0] : "NODE", StringComparison.Ordinal);
            yield return new AuditFinding(group.Key.Pool, Rules.NodeDrift.Error(subject,
                $"{(nodes.Count == 1 ? "the node" : Names.List(nodes) + ":")} {group.Key.Difference}; pods are placed by what the pool declares") with { Fix = fix });
        }
    }
}
