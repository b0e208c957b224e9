using NodePools.Placement.Planning;
using NodePools.Placement.Verdicts;

namespace NodePools.Placement.Checks;

/// <summary>
/// waits-on-empty-pool: a release that waits for its workloads to become ready, with a workload that can
/// only run on pools created with no nodes (desired 0), and no Cluster Autoscaler to add one. The pods
/// stay Pending, the release never becomes ready, and the update fails after the release's timeout.
/// </summary>
internal static class EmptyPoolWaitRule
{
    public static IEnumerable<Finding> Check(CheckInput input) => Find(input.Stack);

    private static IEnumerable<Finding> Find(StackVerdicts plan)
    {
        if (plan.Declaration.AutoscalerRuns)
            yield break; // pending pods scale an empty pool up from zero
        foreach (var release in plan.Releases.Where(release => !release.Spec.Install.SkipAwait))
        {
            foreach (var slot in release.Slots.Select(plan.Of))
            {
                var pools = slot.Feasible.Select(verdict => verdict.Pool).Distinct().ToList();
                if (pools.Count == 0 || pools.Any(pool => plan.Pool(pool).Spec.Scaling.Desired > 0))
                    continue;
                yield return new Finding(Severity.Error, Rules.WaitsOnEmptyPool.Id, slot.Id,
                    $"can only run on {string.Join(", ", pools.Select(pool => $"pool {pool}"))}, created with no nodes, and no Cluster Autoscaler runs to add one: "
                    + $"release {release.Name} waits for its pods until its timeout ({release.Spec.Install.TimeoutSeconds} s), and the update fails")
                {
                    Fix = $"set skipAwait: true on release {release.Name}, give the pool a desired size of at least 1, or let the Cluster Autoscaler run (remove cluster.autoscaler: false)",
                };
            }
        }
    }
}
