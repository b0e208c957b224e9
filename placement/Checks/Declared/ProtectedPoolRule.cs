using NodePools.Placement.Deployment;
using NodePools.Placement.Planning;
using NodePools.Placement.Verdicts;

namespace NodePools.Placement.Checks;

/// <summary>
/// protected-pool-update / protected-pool-drift: a stateful pool should roll one node at a time and
/// leave its size to the autoscaler (lowering desiredSize terminates nodes at once, ignoring PDBs).
/// </summary>
internal static class ProtectedPoolRule
{
    public static IEnumerable<Finding> Updates(CheckInput input) => Find(input.Stack).Where(finding => finding.Rule == Rules.ProtectedPoolUpdate.Id);

    public static IEnumerable<Finding> Drift(CheckInput input) => Find(input.Stack).Where(finding => finding.Rule == Rules.ProtectedPoolDrift.Id);

    private static IEnumerable<Finding> Find(StackVerdicts plan)
    {
        foreach (var pool in plan.Pools.Where(pool => pool.Spec.Protect))
        {
            if (pool.Spec.Update.MaxUnavailable != 1)
            {
                yield return new Finding(Severity.Warning, Rules.ProtectedPoolUpdate.Id, $"pool {pool.Name}",
                    "is protected (stateful) but an update may take down more than one node at a time")
                { Fix = "set update.maxUnavailable: 1" };
            }
            if (plan.Declaration.AutoscalerRuns && pool.Spec.Scaling.Min < pool.Spec.Scaling.Max
                && !NodeGroupSettings.IgnoresDesiredSize(pool.Spec, plan.Declaration.AutoscalerRuns))
            {
                yield return new Finding(Severity.Warning, Rules.ProtectedPoolDrift.Id, $"pool {pool.Name}",
                    "is protected (stateful) but each deployment resets the desired size the autoscaler set: lowering it terminates nodes at once, ignoring PodDisruptionBudgets")
                { Fix = "remove ignoreDesiredSizeChanges: false so the autoscaler owns the size after creation" };
            }
        }
    }
}
