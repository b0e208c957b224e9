using NodePools.Placement.Planning;

namespace NodePools.Placement.Checks;

/// <summary>Runs every check over a plan; errors first, then warnings, then information.</summary>
public static class StackChecks
{
    private static readonly Func<StackPlan, IEnumerable<Finding>>[] Rules =
    [
        PendingRule.Check,
        IsolationRule.Check,
        DaemonSetRule.Check,
        SpreadCapacityRule.Check,
        GpuRequestRule.Check,
        TaintWithoutAffinityRule.Check,
        ProtectedPoolRule.Check,
        UntargetedPoolRule.Check,
        ClusterAddonsRule.Check,
        AutoscalerHomeRule.Check,
        EmptyPoolWaitRule.Check,
        Capacity.PoolCapacity.CheckDeclared,
    ];

    public static IReadOnlyList<Finding> Run(StackPlan plan) =>
        Rules.SelectMany(rule => rule(plan))
            .OrderByDescending(finding => finding.Severity)
            .ThenBy(finding => finding.Rule, StringComparer.Ordinal)
            .ThenBy(finding => finding.Subject, StringComparer.Ordinal)
            .ToList();
}
