using NodePools.Placement.Reports;
using Spectre.Console;

namespace NodePools.Cli.Rendering;

/// <summary>`diff --output table`: pool changes with how they apply, slot changes, hazards.</summary>
public static class DiffTable
{
    public static void Render(IAnsiConsole console, DiffReport report)
    {
        console.Write(new Rule($"[bold]{Markup.Escape(report.Project)} / {Markup.Escape(report.Stack)}[/]  compared with {Markup.Escape(report.Base)}").LeftJustified());

        if (report.UpgradeOrder.Count > 0)
        {
            console.MarkupLine("[bold]Upgrade order[/]");
            foreach (var (step, i) in report.UpgradeOrder.Select((step, i) => (step, i)))
                console.MarkupLine($"  {i + 1}. {Markup.Escape(step)}");
        }

        if (report.Pools.Count > 0)
        {
            var pools = new Table().Title("[bold]Pools[/]").Border(TableBorder.Rounded).AddColumns("pool", "change", "before", "after", "applied");
            foreach (var pool in report.Pools)
            {
                if (pool.Fields.Count == 0)
                    pools.AddRow(pool.Pool, pool.Kind, "", "", "");
                foreach (var field in pool.Fields)
                    pools.AddRow(new Text(pool.Pool), new Text(field.Field), new Text(field.Before), new Text(field.After), new Markup(Effect(field.Effect)));
            }
            console.Write(pools);
        }
        else
        {
            console.MarkupLine("No pool changes.");
        }

        if (report.Slots.Count > 0)
        {
            var slots = new Table().Title("[bold]Where slots can run[/]").Border(TableBorder.Rounded).AddColumns("slot", "change", "pools before", "pools after", "placement");
            foreach (var slot in report.Slots)
                slots.AddRow(slot.Slot, slot.Kind, string.Join(", ", slot.Before), string.Join(", ", slot.After), slot.PlacementChanged ? "changed" : "same");
            console.Write(slots);
        }
        else
        {
            console.MarkupLine("No slot changes.");
        }

        if (report.Workloads.Count > 0)
        {
            var workloads = new Table().Title("[bold]Where rendered workloads can run[/]").Border(TableBorder.Rounded)
                .AddColumns("release", "workload", "change", "pools before", "pools after");
            foreach (var change in report.Workloads)
            {
                workloads.AddRow(new Text(change.Release), new Text(change.Workload), new Text(change.Kind),
                    new Text(change.Before.Count == 0 ? "(none)" : string.Join(", ", change.Before)),
                    new Text(change.After.Count == 0 ? "(none)" : string.Join(", ", change.After)));
            }
            console.Write(workloads);
        }
        else
        {
            console.MarkupLine(report.Rendering.StartsWith("base and current rendered", StringComparison.Ordinal)
                ? "No rendered workload changes its pools."
                : $"[yellow]Charts {Markup.Escape(report.Rendering)}.[/]");
        }

        FindingsTable.Render(console, report.Findings, report.Summary, "No hazards: this change can be deployed in one go.");
    }

    private static string Effect(string effect) => effect switch
    {
        "replace" => "[red]replace[/]",
        "rolling update" => "[yellow]rolling update[/]",
        _ => "[green]in place[/]",
    };
}
