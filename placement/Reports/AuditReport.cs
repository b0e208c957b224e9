using NodePools.Placement.Audit;

namespace NodePools.Placement.Reports;

/// <summary>The audit of a cluster as data: what `nodepools audit` prints as a table, Markdown or JSON.</summary>
public sealed record AuditReport(
    string Stack,
    string Matching,
    IReadOnlyList<PoolSummaryReport> Pools,
    AuditMapping Pods,
    int UnpooledNodes,
    IReadOnlyList<FindingReport> Findings,
    FindingCounts Summary)
{
    public static AuditReport From(string stack, AuditResult result, string? renderSkipped) => new(
        stack,
        renderSkipped is null
            ? "pods are matched to the workloads their releases' charts render"
            : $"pods are matched to releases by Helm's release annotations and labels, each held to every pool its release places anything on ({renderSkipped})",
        result.Pools.Select(pool => new PoolSummaryReport(pool.Pool, pool.Nodes, pool.Ready, pool.Cordoned, pool.Pods,
            $"{PoolSummary.Cores(pool.CpuRequested)}/{PoolSummary.Cores(pool.CpuAllocatable)}",
            $"{PoolSummary.Gibibytes(pool.MemoryRequested)}/{PoolSummary.Gibibytes(pool.MemoryAllocatable)}",
            result.Findings.Count(finding => finding.Pool == pool.Pool))
        {
            CpuRequestedMillicores = pool.CpuRequested,
            CpuAllocatableMillicores = pool.CpuAllocatable,
            MemoryRequestedBytes = pool.MemoryRequested,
            MemoryAllocatableBytes = pool.MemoryAllocatable,
        }).ToList(),
        result.Mapping,
        result.UnpooledNodes,
        result.Findings.Select(finding => FindingReport.From(finding.Finding)).ToList(),
        FindingCounts.Of(result.Findings.Select(finding => finding.Finding)));

    public const string NoFindings = "No findings: every node carries its pool's labels and taints, and every pod runs on a pool it belongs on.";

    public string Markdown()
    {
        var text = new System.Text.StringBuilder();
        text.Append($"## Audit of stack `{Stack}`\n\n");
        text.Append(Reports.Markdown.Table(["pool", "nodes", "ready", "cordoned", "pods", "CPU requested", "memory requested", "findings"],
            Pools.Select(pool => (IReadOnlyList<string>)[pool.Pool, $"{pool.Nodes}", $"{pool.Ready}", $"{pool.Cordoned}", $"{pool.Pods}", pool.Cpu, pool.Memory, $"{pool.Findings}"])));
        text.Append($"\n{PodsLine}\n\n");
        text.Append("### Findings\n\n");
        text.Append(Findings.Count == 0 ? NoFindings + "\n" : Reports.Markdown.FindingsTable(Findings));
        return text.ToString();
    }

    /// <summary>How the pods were matched, in one sentence.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string PodsLine =>
        $"Pods: {Pods.Rendered} matched to rendered workloads, {Pods.HelmLabels} by Helm release labels, {Pods.RuntimeTemplates} to runtime templates, "
        + $"{Pods.Addons} EKS add-on pods, {Pods.Unmatched} of no release{(UnpooledNodes > 0 ? $"; {UnpooledNodes} node(s) of no pool" : "")}. Matching: {Matching}.";
}

/// <summary>One pool as it runs; <see cref="Cpu"/> and <see cref="Memory"/> are "requested/allocatable" for people, the numbers beside them for scripts.</summary>
public sealed record PoolSummaryReport(string Pool, int Nodes, int Ready, int Cordoned, int Pods, string Cpu, string Memory, int Findings)
{
    public long CpuRequestedMillicores { get; init; }
    public long CpuAllocatableMillicores { get; init; }
    public long MemoryRequestedBytes { get; init; }
    public long MemoryAllocatableBytes { get; init; }
}
