using NodePools.Placement.Checks;
using NodePools.Placement.Scheduling;

namespace NodePools.Placement.Audit;

/// <summary>
/// pod-off-pool: pods of the stack's workloads running on a pool their workload does not belong on.
/// Whether the workload's placement as deployed still admits that pool tells the cause: if it does,
/// the release lets the pods in (a toleration or affinity changed); if not, they were scheduled before
/// a taint or an affinity change and only need rescheduling.
/// </summary>
internal static class PodOffPoolAudit
{
    public static IEnumerable<AuditFinding> Find(AuditContext context)
    {
        var offPool = context.Pods
            .Where(pod => !pod.Pod.Terminated && pod.Home is { } home && context.NodeOf(pod)?.Pool is { } pool && !home.Pools.Contains(pool.Name))
            .GroupBy(pod => (pod.Workload, Pool: context.NodeOf(pod)!.Pool!));
        foreach (var group in offPool)
        {
            var first = group.First();
            var home = first.Home!;
            var pool = group.Key.Pool;
            var template = context.TemplateOf(first);
            var admitted = Scheduler.Evaluate(SchedulingPod.From(group.Key.Workload.Name, group.Key.Workload.Kind, template, SchedulingOptions.Eks), pool.NodeTemplate).Schedulable;
            var pods = group.Select(pod => pod.Pod.Name).ToList();
            var cause = admitted
                ? $"its placement as deployed admits pool {pool.Name}: the release lets {(pods.Count == 1 ? "the pod" : "these pods")} in"
                : $"its placement as deployed no longer admits pool {pool.Name}: {(pods.Count == 1 ? "the pod was" : "they were")} scheduled before a taint or an affinity change";
            var fix = admitted
                ? $"compare the release with the declaration: nodepools check --render shows the toleration or affinity that admits {pool.Name}; pulumi up deploys the declared placement"
                : $"reschedule {(pods.Count == 1 ? "it" : "them")}: kubectl rollout restart {group.Key.Workload.Kind.ToLowerInvariant()}/{group.Key.Workload.Name} -n {group.Key.Workload.Namespace} (or delete the pods)";
            yield return new AuditFinding(pool.Name, Rules.PodOffPool.Error(
                $"{home.Owner} {group.Key.Workload.Namespace}/{group.Key.Workload.Kind}/{group.Key.Workload.Name}",
                $"{Names.Count(pods.Count, "pod")} ({Names.List(pods)}) {Names.Verb(pods.Count, "runs", "run")} on pool {pool.Name}; the workload belongs on {Names.Pools(home.Pools)} ({Source(home.Source)}); {cause}") with
            {
                Fix = fix,
            });
        }
    }

    public static string Source(HomeSource source) => source switch
    {
        HomeSource.Rendered => "from its rendered chart",
        HomeSource.HelmLabels => "from its Helm release: every pool the release places anything on",
        HomeSource.RuntimeTemplate => "from the stack's runtime pod templates",
        _ => "as the stack configures the add-on",
    };
}
