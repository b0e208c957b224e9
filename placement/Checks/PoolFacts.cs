using NodePools.Placement.Declaration;
using NodePools.Placement.Kubernetes;
using NodePools.Placement.Planning;
using NodePools.Placement.Scheduling;

namespace NodePools.Placement.Checks;

/// <summary>Shared readings of pools and slots the rules are phrased in.</summary>
internal static class PoolFacts
{
    /// <summary>A pool is dedicated when a taint keeps foreign pods off it.</summary>
    public static bool IsDedicated(PoolPlan pool) => pool.Spec.Taints.Any(TaintToleration.BlocksScheduling);

    /// <summary>Pools a slot is meant to run on: its required pools; otherwise the pools it prefers and every pool open to all.</summary>
    public static ISet<string> MeantFor(SlotPlan slot, StackPlan plan) => MeantFor(slot.Spec.Intent, plan, slot.Spec.DaemonSet);

    /// <summary>
    /// A DaemonSet whose intent names no pool is a node agent meant for every pool (a log shipper,
    /// like kube-proxy or aws-node): tolerating every taint is then its purpose, not a breach.
    /// </summary>
    public static ISet<string> MeantFor(IntentSpec intent, StackPlan plan, bool daemonSet)
    {
        if (daemonSet && !intent.IsRequired && intent.Prefer.Count == 0)
            return plan.Pools.Select(p => p.Name).ToHashSet();
        if (intent.IsRequired)
            return intent.Pools.ToHashSet();
        return plan.Pools.Where(p => !IsDedicated(p)).Select(p => p.Name).Concat(intent.Prefer.Select(p => p.Pool)).ToHashSet();
    }

    public static string Why(PairVerdict verdict) => string.Join("; ", verdict.AllReasons());

    /// <summary>The tolerations that would admit a slot past the blocking taints it does not tolerate.</summary>
    public static IEnumerable<Toleration> MissingTolerations(SlotPlan slot, PoolPlan pool) =>
        pool.Spec.Taints
            .Where(taint => TaintToleration.BlocksScheduling(taint) && !TaintToleration.AnyTolerates(slot.Pod.Tolerations, taint))
            .Select(PlacementDeriver.Tolerating);

    public static string Describe(Toleration toleration) =>
        toleration.Operator == TolerationOperators.Exists
            ? $"{{key: {toleration.Key}, operator: Exists, effect: {toleration.Effect}}}"
            : $"{{key: {toleration.Key}, operator: Equal, value: \"{toleration.Value}\", effect: {toleration.Effect}}}";
}
