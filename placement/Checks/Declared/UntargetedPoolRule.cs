using NodePools.Placement.Planning;
using NodePools.Placement.Verdicts;

namespace NodePools.Placement.Checks;

/// <summary>pool-untargeted: no slot or acknowledgement names the pool; only workloads outside this stack will use it.</summary>
internal static class UntargetedPoolRule
{
    public static IEnumerable<Finding> Check(CheckInput input) => Find(input.Stack);

    private static IEnumerable<Finding> Find(StackVerdicts plan)
    {
        var named = plan.Slots.SelectMany(slot => slot.Spec.Intent.NamedPools)
            .Concat(plan.Releases.SelectMany(release => release.Spec.NamedPools)).ToHashSet();
        return plan.Pools
            .Where(pool => !named.Contains(pool.Name))
            .Select(pool => new Finding(Severity.Info, Rules.PoolUntargeted.Id, $"pool {pool.Name}",
                IntendedPools.IsDedicated(pool)
                    ? "is tainted but no slot targets it: only workloads deployed outside this stack with matching tolerations will run there"
                    : "no slot targets it; it takes whatever pods fit"));
    }
}
