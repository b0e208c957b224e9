using NodePools.Placement.Planning;
using NodePools.Placement.Verdicts;

namespace NodePools.Placement.Checks;

/// <summary>
/// daemonset-narrowed: a DaemonSet the chart runs on every node by itself (it tolerates every pool's
/// taints and selects no nodes) that a slot's placement keeps off some pools. A node agent (a log
/// shipper, node-exporter) that silently leaves a pool leaves its nodes unwatched, so it is said,
/// with the pools it no longer covers and the intent that keeps it on all of them.
/// </summary>
internal static class DaemonSetNarrowedRule
{
    public static IEnumerable<Finding> Check(CheckInput input) => Find(input.Rendered!);

    private static IEnumerable<Finding> Find(RenderedEvaluation evaluation)
    {
        var pools = evaluation.Plan.Pools.Select(pool => pool.Name).ToList();
        foreach (var workload in evaluation.Deployed.Where(w => w.UnplacedFits is { } alone && alone.Count == pools.Count))
        {
            var lost = pools.Except(workload.Fits).ToList();
            if (lost.Count == 0)
                continue;
            var slots = string.Join(", ", workload.ReachedBy.Select(SlotPath));
            yield return Rules.DaemonSetNarrowed.Warning(workload.Subject,
                $"the chart runs this DaemonSet on every node by itself, but the slot at {slots} keeps it off pool {RenderedFacts.Pools(lost)}: "
                + $"it runs only on {RenderedFacts.Pools(workload.Fits)}") with
            {
                Fix = $"to keep it on every node, give the slot at {slots} intent: {{pool: [{string.Join(", ", pools)}]}}; "
                      + "if it is meant to leave those pools, this warning records that it does",
            };
        }
    }

    private static string SlotPath(SlotPlan slot) => slot.Spec.Path.Length == 0 ? "(root)" : slot.Spec.Path;
}
