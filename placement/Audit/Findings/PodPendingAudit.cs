using NodePools.Placement.Checks;
using NodePools.Placement.Planning;
using NodePools.Placement.Scheduling;

namespace NodePools.Placement.Audit;

/// <summary>
/// pod-pending: pods no node took, by workload, with the scheduler's reasons on each pool it belongs
/// on (the same engine as explain, on the nodes as they are: what bound pods leave free), and whether a
/// new node of that pool would take it and the pool may still grow. An error when no new node of any
/// of its pools would take it: only a change of the declaration or the values can place it.
/// </summary>
internal static class PodPendingAudit
{
    public static IEnumerable<AuditFinding> Find(AuditContext context)
    {
        var freeNodes = new Lazy<Dictionary<string, List<SchedulingNode>>>(() => context.Nodes.Where(node => node.Pool is not null)
            .GroupBy(node => node.Pool!.Name).ToDictionary(group => group.Key, group => group.Select(node => node.Free()).ToList()));
        foreach (var group in context.Pods.Where(pod => pod.Pod.Pending).GroupBy(pod => pod.Workload))
        {
            var first = group.First();
            var pools = first.Home is { } home
                ? context.Plan.Pools.Where(pool => home.Pools.Contains(pool.Name)).ToList()
                : context.Plan.Pools.ToList();
            var pod = SchedulingPod.From(first.Pod.Name, group.Key.Kind, first.Pod.Spec, SchedulingOptions.Eks);
            var lines = new List<string>();
            var anyNewNode = false;
            var atMax = new List<string>();
            foreach (var pool in pools)
            {
                var nodes = freeNodes.Value.GetValueOrDefault(pool.Name) ?? [];
                var verdicts = nodes.Select(node => Scheduler.Evaluate(pod, node)).ToList();
                var fitting = verdicts.Count(verdict => verdict.Schedulable);
                var reasons = verdicts.Where(verdict => !verdict.Schedulable)
                    .SelectMany(verdict => verdict.Reasons()).GroupBy(reason => reason)
                    .OrderByDescending(reasons => reasons.Count()).Select(reasons => $"{reasons.Count()} {reasons.Key}");
                var newNode = Scheduler.Evaluate(pod, pool.NodeTemplate);
                var full = nodes.Count >= pool.Spec.Scaling.Max;
                anyNewNode |= newNode.Schedulable;
                if (newNode.Schedulable && full)
                    atMax.Add(pool.Name);
                var now = nodes.Count == 0 ? "no nodes" : $"{fitting}/{nodes.Count} nodes fit{(fitting < nodes.Count ? $" ({string.Join(", ", reasons)})" : "")}";
                var grow = newNode.Schedulable
                    ? full ? $"a new node would take it, but the pool is at its maximum ({nodes.Count} of {pool.Spec.Scaling.Max})" : "a new node would take it"
                    : $"a new node would not ({string.Join(", ", newNode.Reasons())})";
                lines.Add($"pool {pool.Name}: {now}; {grow}");
            }
            var podNames = group.Select(p => p.Pod.Name).ToList();
            var scheduler = first.Pod.UnschedulableMessage is { Length: > 0 } said ? $" The scheduler said: {said}" : "";
            var owner = first.Home?.Owner ?? "no release";
            var message = $"{Names.Count(podNames.Count, "pod")} Pending ({Names.List(podNames)}). {string.Join("; ", lines)}.{scheduler}";
            var fix = !anyNewNode
                ? "no node of its pools can take it as it is: fix the workload's placement or requests in the release's values (nodepools explain shows each reason), or the pool's instance type"
                : atMax.Count > 0
                    ? $"raise scaling.max of pool {Names.Pools(atMax)}, or free capacity there"
                    : "the autoscaler should add a node: check its logs (kubectl -n kube-system logs deploy/cluster-autoscaler) if it does not";
            // Counted in a pool's summary when it belongs on that pool alone.
            var ownPool = pools.Count == 1 ? pools[0].Name : null;
            yield return new AuditFinding(ownPool, Rules.PodPending.At(anyNewNode ? Severity.Warning : Severity.Error,
                $"{owner} {group.Key.Namespace}/{group.Key.Kind}/{group.Key.Name}", message) with { Fix = fix });
        }
    }
}
