using NodePools.Placement.Planning;
using NodePools.Placement.Verdicts;

namespace NodePools.Placement.Checks;

/// <summary>
/// taint-without-affinity: EKS puts taints on a new node about 30 s after it joins. Workloads meant
/// for a tainted pool should require it by affinity, not only tolerate and prefer it.
/// </summary>
internal static class TaintWithoutAffinityRule
{
    public static IEnumerable<Finding> Check(CheckInput input) => Find(input.Stack);

    private static IEnumerable<Finding> Find(StackVerdicts plan)
    {
        foreach (var pool in plan.Pools.Where(IntendedPools.IsDedicated))
        {
            foreach (var slot in plan.Slots.Where(slot => slot.Spec.Intent.Prefer.Any(p => p.Pool == pool.Name)))
            {
                yield return new Finding(Severity.Warning, Rules.TaintWithoutAffinity.Id, slot.Id,
                    $"tolerates tainted pool {pool.Name} but only prefers it: taints reach new nodes about 30 s after they join, "
                    + "and without required affinity these pods can also land elsewhere")
                { Fix = $"use pool: {pool.Name} if the pods must run there" };
            }
        }
    }
}
