using NodePools.Placement.Checks;
using NodePools.Placement.Kubernetes;
using NodePools.Placement.Planning;
using NodePools.Placement.Scheduling;

namespace NodePools.Placement.Audit;

/// <summary>
/// stray: pods nothing of the stack runs (no release, no add-on, no runtime template) on a pool whose
/// taints keep foreign pods off, by workload and pool, with the toleration that let them in.
/// </summary>
internal static class StrayAudit
{
    public static IEnumerable<AuditFinding> Find(AuditContext context)
    {
        var strays = context.Pods
            .Where(pod => pod.Home is null && !pod.Pod.Terminated && context.NodeOf(pod)?.Pool is { } pool && IntendedPools.IsDedicated(pool))
            .GroupBy(pod => (pod.Workload, Pool: context.NodeOf(pod)!.Pool!));
        foreach (var group in strays)
        {
            var pool = group.Key.Pool;
            var tolerations = group.First().Pod.Spec.Tolerations ?? [];
            var letIn = pool.Spec.Taints.Where(TaintToleration.BlocksScheduling)
                .Select(taint => (Taint: taint, By: tolerations.FirstOrDefault(t => TaintToleration.Tolerates(t, taint))))
                .Select(pair => pair.By is null ? $"{pair.Taint} (not tolerated: it was bound by name)" : $"{pair.Taint} through {pair.By}");
            var pods = group.Select(pod => pod.Pod.Name).ToList();
            var workload = group.Key.Workload;
            yield return new AuditFinding(pool.Name, Rules.Stray.Warning(
                $"{workload.Namespace}/{workload.Kind}/{workload.Name}",
                $"{Names.Count(pods.Count, "pod")} ({Names.List(pods)}) of no release of the stack {Names.Verb(pods.Count, "runs", "run")} on pool {pool.Name}, tolerating {string.Join("; ", letIn)}") with
            {
                Fix = $"declare it as a release of the stack so it is placed, or remove the toleration that lets it onto pool {pool.Name}",
            });
        }
    }
}
