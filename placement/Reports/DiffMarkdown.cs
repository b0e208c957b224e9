using System.Text;

namespace NodePools.Placement.Reports;

/// <summary>`nodepools diff --output markdown`: the placement half of a pull-request review.</summary>
public static class DiffMarkdown
{
    public static string Render(DiffReport report)
    {
        var text = new StringBuilder();
        text.Append($"## Placement changes: {report.Project} / {report.Stack}\n\n");
        text.Append($"Compared with `{report.Base}`. {report.Summary.Errors} error(s), {report.Summary.Warnings} warning(s).\n\n");

        text.Append("### Hazards\n\n");
        text.Append(report.Findings.Count == 0
            ? "None: this change can be deployed in one go.\n"
            : Markdown.FindingsTable(report.Findings, "hazard", "safe order"));

        if (report.UpgradeOrder.Count > 0)
        {
            text.Append("\n### Upgrade order\n\n");
            foreach (var (step, i) in report.UpgradeOrder.Select((step, i) => (step, i)))
                text.Append($"{i + 1}. {Markdown.Cell(step)}\n");
        }

        text.Append("\n### Pools\n\n");
        var rows = report.Pools.SelectMany(pool => pool.Fields.Count == 0
            ? [(IReadOnlyList<string>)[Markdown.Code(pool.Pool), pool.Kind, "", "", ""]]
            : pool.Fields.Select(f => (IReadOnlyList<string>)[Markdown.Code(pool.Pool), f.Field, Markdown.Cell(f.Before), Markdown.Cell(f.After), f.Effect])).ToList();
        text.Append(rows.Count == 0 ? "No pool changes.\n" : Markdown.Table(["pool", "change", "before", "after", "applied"], rows));

        text.Append("\n### Where slots can run\n\n");
        text.Append(report.Slots.Count == 0
            ? "No slot changes.\n"
            : Markdown.Table(["slot", "change", "pools before", "pools after", "placement"],
                report.Slots.Select(s => (IReadOnlyList<string>)
                [
                    Markdown.Code(s.Slot), s.Kind, string.Join(", ", s.Before), string.Join(", ", s.After), s.PlacementChanged ? "changed" : "same",
                ])));

        text.Append("\n### Where rendered workloads can run\n\n");
        text.Append(report.Workloads.Count > 0
            ? Markdown.Table(["release", "workload", "change", "pools before", "pools after"],
                report.Workloads.Select(w => (IReadOnlyList<string>)
                [
                    Markdown.Code(w.Release), Markdown.Code(w.Workload), w.Kind, Pools(w.Before), Pools(w.After),
                ]))
            : report.Rendering.StartsWith("base and current rendered", StringComparison.Ordinal)
                ? "No workload changes its pools.\n"
                : $"Charts {report.Rendering}.\n");
        return text.ToString();
    }

    private static string Pools(IReadOnlyList<string> pools) => pools.Count == 0 ? "(none)" : string.Join(", ", pools);
}
