using NodePools.Placement.Planning;
using NodePools.Placement.Scheduling;

namespace NodePools.Placement.Verdicts;

/// <summary>
/// The verdict step: one pod against every pool's node template, with kube-scheduler's filters and
/// scores. Declared slots, rendered workloads and the add-ons' own pods all pass through here.
/// </summary>
public static class PoolVerdicts
{
    public static IReadOnlyList<SlotVerdict> Evaluate(SchedulingPod pod, IEnumerable<PoolPlan> pools) =>
        pools.Select(pool => new SlotVerdict(pool.Name, Scheduler.Evaluate(pod, pool.NodeTemplate))).ToList();

    /// <summary>The pools a pod fits, in pool order.</summary>
    public static IReadOnlyList<string> Fitting(SchedulingPod pod, IEnumerable<PoolPlan> pools) =>
        Evaluate(pod, pools).Where(verdict => verdict.Verdict.Schedulable).Select(verdict => verdict.Pool).ToList();
}
