using NodePools.Placement.Declaration;
using NodePools.Placement.Scheduling;

namespace NodePools.Placement.Planning;

/// <summary>Which pools an intent means: what the checks hold a slot or a workload to.</summary>
public static class IntendedPools
{
    /// <summary>A pool is dedicated when a taint keeps foreign pods off it.</summary>
    public static bool IsDedicated(PoolPlan pool) => pool.Spec.Taints.Any(TaintToleration.BlocksScheduling);

    /// <summary>Pools a slot is meant to run on: its required pools; otherwise the pools it prefers and every pool open to all.</summary>
    public static ISet<string> Of(SlotPlan slot, StackPlan plan) => Of(slot.Spec.Intent, plan, slot.Spec.DaemonSet);

    /// <summary>
    /// A DaemonSet whose intent names no pool is a node agent meant for every pool (a log shipper,
    /// like kube-proxy or aws-node): tolerating every taint is then its purpose, not a breach.
    /// </summary>
    public static ISet<string> Of(IntentSpec intent, StackPlan plan, bool daemonSet)
    {
        if (daemonSet && !intent.IsRequired && intent.Prefer.Count == 0)
            return plan.Pools.Select(p => p.Name).ToHashSet();
        if (intent.IsRequired)
            return intent.Pools.ToHashSet();
        return plan.Pools.Where(p => !IsDedicated(p)).Select(p => p.Name).Concat(intent.Prefer.Select(p => p.Pool)).ToHashSet();
    }
}
