using NodePools.Placement.Reports;
using Spectre.Console;

namespace NodePools.Cli.Rendering;

/// <summary>The audit as tables: one row per pool, then the findings with their fixes.</summary>
public static class AuditTable
{
    public static void Render(IAnsiConsole console, AuditReport report)
    {
        var pools = new Table().Title($"[bold]Pools of stack {Markup.Escape(report.Stack)} as they run[/]").Border(TableBorder.Rounded)
            .AddColumns("pool", "nodes", "ready", "cordoned", "pods", "CPU requested", "memory requested", "findings");
        foreach (var pool in report.Pools)
        {
            pools.AddRow(new Text(pool.Pool), new Text($"{pool.Nodes}"), new Text($"{pool.Ready}"), new Text($"{pool.Cordoned}"), new Text($"{pool.Pods}"),
                new Text(pool.Cpu), new Text(pool.Memory), new Markup(pool.Findings == 0 ? "0" : $"[yellow]{pool.Findings}[/]"));
        }
        console.Write(pools);
        console.WriteLine(report.PodsLine);
        console.WriteLine();
        FindingsTable.Render(console, report.Findings, report.Summary, AuditReport.NoFindings);
    }
}
