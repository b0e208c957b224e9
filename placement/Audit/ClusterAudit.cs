using NodePools.Placement.Checks;
using NodePools.Placement.Planning;
using NodePools.Placement.Verdicts;

namespace NodePools.Placement.Audit;

/// <summary>How many of the cluster's pods were matched to the stack, and how.</summary>
public sealed record AuditMapping(int Rendered, int HelmLabels, int RuntimeTemplates, int Addons, int Unmatched);

/// <summary>The audit of a running cluster against a stack: per-pool summaries and findings, errors first.</summary>
public sealed record AuditResult(IReadOnlyList<PoolSummary> Pools, IReadOnlyList<AuditFinding> Findings, AuditMapping Mapping, int UnpooledNodes)
{
    public bool HasErrors => Findings.Any(finding => finding.Finding.Severity == Severity.Error);
}

/// <summary>
/// Audits a cluster snapshot against a stack: which pool each node belongs to, which workload each
/// pod belongs to and where that workload is meant to run, and the audit rules over both (pure: no I/O).
/// </summary>
public static class ClusterAudit
{
    private static readonly IReadOnlyList<Func<AuditContext, IEnumerable<AuditFinding>>> Audits =
    [
        NodeDriftAudit.Find, NodeUnknownAudit.Find, PodOffPoolAudit.Find, PodPendingAudit.Find, DaemonSetGapAudit.Find, StrayAudit.Find, PoolPressureAudit.Find,
    ];

    public static AuditResult Run(StackPlan plan, RenderedEvaluation? rendered, ClusterSnapshot snapshot)
    {
        var context = new AuditContext(plan, snapshot, WorkloadHomes.Build(plan, rendered));
        var findings = Audits.SelectMany(audit => audit(context))
            .OrderByDescending(finding => finding.Finding.Severity)
            .ThenBy(finding => finding.Finding.Rule, StringComparer.Ordinal)
            .ThenBy(finding => finding.Finding.Subject, StringComparer.Ordinal)
            .ToList();
        var live = context.Pods.Where(pod => !pod.Pod.Terminated).ToList();
        var mapping = new AuditMapping(
            live.Count(pod => pod.Home?.Source == HomeSource.Rendered),
            live.Count(pod => pod.Home?.Source == HomeSource.HelmLabels),
            live.Count(pod => pod.Home?.Source == HomeSource.RuntimeTemplate),
            live.Count(pod => pod.Home?.Source == HomeSource.Addon),
            live.Count(pod => pod.Home is null));
        return new AuditResult(context.Summaries, findings, mapping, context.Nodes.Count(node => node.Pool is null));
    }
}
