using NodePools.Placement.Declaration;
using NodePools.Placement.Verdicts;

namespace NodePools.Placement.Checks;

/// <summary>
/// autoscaler-unhosted: pools may scale, so the Cluster Autoscaler should run, and every pool has a
/// blocking taint and the cluster names none for it: it has nowhere to run, so no pool would ever
/// grow past its desired size. A finding about the stack, reported with every other, not a refusal of
/// the input that would hide them.
/// </summary>
internal static class AutoscalerHomeRule
{
    public static IEnumerable<Finding> Check(CheckInput input) => Find(input.Stack);

    private static IEnumerable<Finding> Find(StackVerdicts plan)
    {
        var declaration = plan.Declaration;
        if (declaration.AutoscalerRuns || !AutoscalerRelease.Runs(declaration.Cluster, declaration.Pools)
            || declaration.Cluster.Autoscaler.Pool is not null || AutoscalerRelease.Home(declaration.Pools) is not null)
            yield break;
        var scaling = declaration.Pools.Where(pool => pool.Scaling.Min < pool.Scaling.Max).Select(pool => pool.Name).ToList();
        yield return new Finding(Severity.Error, Rules.AutoscalerUnhosted.Id, AutoscalerSpec.ReleaseName,
            $"{(scaling.Count == 1 ? "pool" : "pools")} {string.Join(", ", scaling)} may scale, and every pool has a NoSchedule or NoExecute taint: the Cluster Autoscaler has no pool to run on, "
            + "so it is not deployed and no pool grows past its desired size")
        {
            Fix = "declare one pool without NoSchedule or NoExecute taints (a system pool of one small node, which CoreDNS needs too), "
                  + "or name the pool it runs on (cluster.autoscaler: {pool: NAME}: it tolerates that pool's taints), "
                  + "or set cluster.autoscaler: false and size the pools in the stack",
        };
    }
}
