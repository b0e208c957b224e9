using NodePools.Placement.Planning;
using NodePools.Placement.Checks;
using NodePools.Placement.Verdicts;

namespace NodePools.Placement.Checks;

/// <summary>workload-pending: a rendered workload no pool can run (affinity, taints or resources): its pods stay Pending.</summary>
internal static class PendingWorkloadRule
{
    public static IEnumerable<Finding> Check(CheckInput input) => Find(input.Rendered!);

    private static IEnumerable<Finding> Find(RenderedEvaluation evaluation) =>
        evaluation.Deployed
            .Where(workload => !workload.Workload.IsDaemonSet && !workload.Fits.Any())
            .Select(workload => new Finding(Severity.Error, Rules.WorkloadPending.Id, workload.Subject,
                $"fits no pool, so its pods would stay Pending: {RenderedFacts.Refusals(workload)}")
            {
                Fix = workload.Verdicts.Any(v => v.Verdict.Failures == Scheduling.FilterFailures.NodeResourcesFit)
                    ? "lower its resource requests in the chart's values, or give a pool it may use a larger instance type or disk"
                    : "let one of its pools admit it: the slot's intent, or the pool's labels and taints",
            });
}
