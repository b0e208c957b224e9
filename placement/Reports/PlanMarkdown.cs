using System.Text;
using NodePools.Placement.Facts;

namespace NodePools.Placement.Reports;

/// <summary>`nodepools plan --output markdown`: for pull-request comments and READMEs.</summary>
public static class PlanMarkdown
{
    public static string Render(PlanReport report, bool findingsOnly = false)
    {
        var text = new StringBuilder();
        text.Append($"## Placement plan: {report.Project} / {report.Stack}\n\n");
        text.Append($"Cluster `{report.Cluster.Name}`, Kubernetes {report.Cluster.Version}. ");
        text.Append($"{report.Summary.Errors} error(s), {report.Summary.Warnings} warning(s), {report.Summary.Infos} note(s).\n\n");
        if (!findingsOnly)
        {
            text.Append("### Pools\n\n");
            text.Append(Markdown.Table(["pool", "instances", "AMI", "capacity", "min/desired/max", "labels", "taints", "protect"],
                report.Pools.Select(pool => (IReadOnlyList<string>)
                [
                    Markdown.Code(pool.Name),
                    Markdown.Cell(string.Join(", ", pool.InstanceTypes)),
                    pool.AmiType,
                    pool.CapacityType,
                    $"{pool.Scaling.Min}/{pool.Scaling.Desired}/{pool.Scaling.Max}",
                    string.Join("<br>", pool.Labels.Select(l => Markdown.Code($"{l.Key}={l.Value}"))),
                    string.Join("<br>", pool.Taints.Select(t => Markdown.Code(t.ToString()))),
                    pool.Protect ? "yes" : "",
                ])));

            text.Append(QuotaMarkdown(report.VcpuQuotas));

            text.Append("\n### Where each slot can run\n\n");
            var pools = report.Pools.Select(p => p.Name).ToList();
            text.Append(Markdown.Table(["slot", "intent", .. pools.Select(Markdown.Code)],
                report.Slots.Select(slot => (IReadOnlyList<string>)
                [
                    Markdown.Code(slot.Id),
                    Markdown.Cell(slot.Intent),
                    .. slot.Verdicts.Select(MatrixCell),
                ])));
        }

        if (!findingsOnly && report.Rendering.Rendered)
        {
            text.Append("\n### Rendered workloads\n\n");
            text.Append(Markdown.Table(["release", "workload", "origin", "placed by", "belongs on", "can run on", "status"],
                report.Rendering.Workloads.Select(w => (IReadOnlyList<string>)
                [
                    Markdown.Code(w.Release),
                    w.MadeFrom is { } from ? $"{Markdown.Code(w.Workload)}<br>from {Markdown.Code(from)}" : Markdown.Code(w.Workload),
                    w.Origin,
                    Markdown.Cell(w.Acknowledged is { } pool ? $"acknowledged: {pool}" : w.PlacedBy.Count == 0 ? "(nothing)" : string.Join(", ", w.PlacedBy)),
                    Markdown.Cell(string.Join(", ", w.Belongs)),
                    Markdown.Cell(w.Fits.Count == 0 ? "(none)" : string.Join(", ", w.Fits)),
                    w.Status is "placed" or "acknowledged" ? $"✅ {w.Status}" : w.Status is "off-pool" or "pending" ? $"⛔ {w.Status}" : w.Status,
                ])));
        }
        foreach (var release in report.Releases.Where(r => r.SecretPaths.Count > 0))
            text.Append($"\n`{release.Name}`: secret values shown and rendered as a placeholder: {string.Join(", ", release.SecretPaths.Select(Markdown.Code))}.\n");
        text.Append(report.Rendering.Rendered
            ? $"\nCharts rendered with {report.Rendering.Helm} in {report.Rendering.Seconds:0.0} s.\n"
            : $"\n> Charts not rendered: {report.Rendering.Skipped}\n");

        text.Append(findingsOnly ? "\n### Findings\n\n" : "\n### Findings\n\n");
        text.Append(report.Findings.Count == 0
            ? report.NoFindings + "\n"
            : Markdown.FindingsTable(report.Findings));
        if (report.UncheckedNote is { } note)
            text.Append($"\n> {note}\n");
        return text.ToString();
    }

    /// <summary>The vCPUs each EC2 quota needs: compare with the account's before the first deployment.</summary>
    public static string QuotaMarkdown(VcpuQuotaReport quotas)
    {
        var text = new StringBuilder("\n### EC2 vCPU quotas\n\n");
        text.Append(Markdown.Table(["quota", "name", "pools (vCPUs per node)", "min", "desired", "max"],
            quotas.Quotas.Select(quota => (IReadOnlyList<string>)
            [
                Markdown.Code(quota.Code),
                Markdown.Cell(quota.Name),
                Markdown.Cell(string.Join(", ", quota.Pools.Select(pool => $"{pool.Pool} ({pool.VcpusPerNode})"))),
                $"{quota.Min}",
                $"{quota.Desired}",
                $"{quota.Max}",
            ])));
        foreach (var pool in quotas.Uncounted)
            text.Append($"\nPool `{pool.Pool}` not counted: {Markdown.Cell(pool.Reason)}.\n");
        return text.ToString();
    }

    private static string MatrixCell(VerdictReport verdict) => verdict.Placement switch
    {
        "required" => "✅ required",
        "preferred" => $"✅ preferred (+{verdict.PreferredScore})",
        "avoided" => "⚠️ avoided",
        "fits" => verdict.PreferredScore > 0 ? $"✅ fits (+{verdict.PreferredScore})" : "✅ fits",
        _ => "⛔ " + Scheduling.ReasonText.Codes(verdict.Refusals),
    };
}
