using NodePools.Placement.Planning;
using NodePools.Placement.Scheduling;
using NodePools.Placement.Checks;
using NodePools.Placement.Verdicts;

namespace NodePools.Placement.Checks;

/// <summary>
/// daemonset-pool-uncovered: a rendered DaemonSet cannot run on nodes of a pool it belongs on. Kept
/// out by a taint or by resources, that is an error (a device plugin that does not tolerate its GPU
/// pool starves every GPU pod). Kept out only by its own node selection, it chose those nodes on
/// purpose (an MPS daemon on MPS-labelled nodes): information.
/// </summary>
internal static class DaemonSetCoverageRule
{
    public static IEnumerable<Finding> Check(CheckInput input) => Find(input.Rendered!);

    private static IEnumerable<Finding> Find(RenderedEvaluation evaluation)
    {
        foreach (var workload in evaluation.Deployed.Where(w => w.Workload.IsDaemonSet))
        {
            foreach (var verdict in workload.Verdicts.Where(v => workload.HomePools.Contains(v.Pool) && !v.Verdict.Schedulable))
            {
                var bySelection = (verdict.Verdict.Failures & ~FilterFailures.NodeAffinity) == FilterFailures.None;
                var pool = evaluation.Plan.Pool(verdict.Pool);
                var missing = pool.Spec.Taints
                    .Where(taint => TaintToleration.BlocksScheduling(taint) && !TaintToleration.AnyTolerates(workload.Pod.Tolerations, taint))
                    .Select(taint => PlacementDeriver.Tolerating(taint).ToString())
                    .ToList();
                yield return new Finding(bySelection ? Severity.Info : Severity.Error, Rules.DaemonSetPoolUncovered.Id, workload.Subject,
                    bySelection
                        ? $"runs on no node of pool {verdict.Pool}: its own node selection excludes them ({PoolFacts.Why(verdict.Verdict)})"
                        : $"is a DaemonSet that must run on every node of pool {verdict.Pool}, but cannot: {PoolFacts.Why(verdict.Verdict)}")
                {
                    Fix = bySelection ? null
                        : missing.Count > 0 ? $"add to the intent tolerations of the slot that places it: {string.Join(", ", missing)}"
                        : "lower its resource requests, or give the pool a larger instance type",
                };
            }
        }
    }
}
