using NodePools.Placement.Reports;
using Spectre.Console;
using NodePools.Placement.Checks;

namespace NodePools.Cli.Rendering;

/// <summary>Findings as a table, errors first, with the fix under each.</summary>
public static class FindingsTable
{
    public static void Render(IAnsiConsole console, IReadOnlyList<FindingReport> findings, FindingCounts summary, string none = "No findings: every slot lands only on the pools meant for it.")
    {
        if (findings.Count == 0)
        {
            console.MarkupLine($"[green]{Markup.Escape(none)}[/]");
            return;
        }
        var table = new Table().Title("[bold]Findings[/]").Border(TableBorder.Rounded).AddColumns("severity", "rule", "subject", "finding");
        foreach (var finding in findings)
        {
            var text = Markup.Escape(finding.Message) + (finding.Fix is null ? "" : $"\n[dim]fix: {Markup.Escape(finding.Fix)}[/]");
            table.AddRow(new Markup(Severity(finding.Severity)), new Text(finding.Rule), new Text(finding.Subject), new Markup(text));
        }
        console.Write(table);
        console.MarkupLine($"{summary.Errors} error(s), {summary.Warnings} warning(s), {summary.Infos} note(s).");
    }

    private static string Severity(string severity) => severity switch
    {
        "error" => "[red bold]error[/]",
        "warning" => "[yellow]warning[/]",
        _ => "[blue]info[/]",
    };
}
