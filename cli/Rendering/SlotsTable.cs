using NodePools.Placement.Reports;
using Spectre.Console;

namespace NodePools.Cli.Rendering;

/// <summary>`slots --output table`: values paths and what they reach, then the slots to paste.</summary>
public static class SlotsTable
{
    public static void Render(IAnsiConsole console, SlotsReport report)
    {
        console.Write(new Rule($"[bold]{Markup.Escape(report.Release)}[/]  chart {Markup.Escape(report.Chart)} {Markup.Escape(report.Version)}, {report.Workloads.Count} workload(s)").LeftJustified());
        var paths = new Table().Title("[bold]Values paths and the workloads they reach[/]").Border(TableBorder.Rounded)
            .AddColumns("values path", "style", "workload", "keys the chart reads there");
        foreach (var path in report.Paths)
        {
            foreach (var (workload, index) in path.Workloads.Select((w, i) => (w, i)))
            {
                paths.AddRow(new Text(index == 0 ? path.Path : ""), new Text(index == 0 ? path.Style : ""), new Text(workload.Workload),
                    new Text(string.Join(", ", workload.Keys)));
            }
        }
        console.Write(paths);

        console.MarkupLine("[bold]Slots to declare[/] (under the release; slots without an intent take the release's intent):");
        console.WriteLine();
        console.Profile.Out.Writer.Write(report.Yaml);
        console.WriteLine();
        if (report.Unreachable.Count > 0)
            console.MarkupLine($"[yellow]{report.Unreachable.Count} workload(s) no values path reaches[/]: acknowledge each with the pool it runs on instead (POOL above).");
        foreach (var refused in report.Refused)
            console.MarkupLine($"[dim]not tried: {Markup.Escape(refused)}[/]");
    }
}
