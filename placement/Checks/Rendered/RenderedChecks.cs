using NodePools.Placement.Planning;

namespace NodePools.Placement.Checks.Rendered;

/// <summary>Runs every check on what the charts render; errors first, as the declaration's checks.</summary>
public static class RenderedChecks
{
    /// <param name="required">Rendering was asked for explicitly: a chart that cannot be had is an error, not a warning.</param>
    public static IReadOnlyList<Finding> Run(RenderedEvaluation evaluation, bool required) =>
        RenderFailureRule.Check(evaluation, required)
            .Concat(OffPoolWorkloadRule.Check(evaluation))
            .Concat(PendingWorkloadRule.Check(evaluation))
            .Concat(DaemonSetCoverageRule.Check(evaluation))
            .Concat(OverriddenPlacementRule.Check(evaluation))
            .Concat(UnreadSlotRule.Check(evaluation))
            .Concat(NamespaceConflictRule.Check(evaluation))
            .Concat(AcknowledgementRule.Check(evaluation))
            .Concat(Capacity.PoolCapacity.CheckRendered(evaluation))
            .OrderByDescending(finding => finding.Severity)
            .ThenBy(finding => finding.Rule, StringComparer.Ordinal)
            .ThenBy(finding => finding.Subject, StringComparer.Ordinal)
            .ToList();
}
