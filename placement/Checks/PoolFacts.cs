using NodePools.Placement.Declaration;
using NodePools.Placement.Kubernetes;
using NodePools.Placement.Planning;
using NodePools.Placement.Scheduling;
using NodePools.Placement.Verdicts;

namespace NodePools.Placement.Checks;

/// <summary>Shared readings of pools and slots the rules are phrased in.</summary>
internal static class PoolFacts
{
    public static string Why(PairVerdict verdict) => string.Join("; ", verdict.AllReasons());

    /// <summary>The tolerations that would admit a slot past the blocking taints it does not tolerate.</summary>
    public static IEnumerable<Toleration> MissingTolerations(EvaluatedSlot slot, PoolPlan pool) =>
        pool.Spec.Taints
            .Where(taint => TaintToleration.BlocksScheduling(taint) && !TaintToleration.AnyTolerates(slot.Pod.Tolerations, taint))
            .Select(PlacementDeriver.Tolerating);

}
