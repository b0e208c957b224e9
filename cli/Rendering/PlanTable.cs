using NodePools.Placement.Reports;
using NodePools.Placement.Scheduling;
using Spectre.Console;
using NodePools.Placement.Facts;

namespace NodePools.Cli.Rendering;

/// <summary>`plan --output table`: pools, slots and their placement, the slot × pool matrix, findings.</summary>
public static class PlanTable
{
    public static void Render(IAnsiConsole console, PlanReport report, bool findingsOnly)
    {
        console.Write(new Rule($"[bold]{Markup.Escape(report.Project)} / {Markup.Escape(report.Stack)}[/]  cluster {Markup.Escape(report.Cluster.Name)}, Kubernetes {Markup.Escape(report.Cluster.Version)}").LeftJustified());
        if (!findingsOnly)
        {
            console.Write(Pools(report));
            console.Write(Quotas(report.VcpuQuotas));
            console.Write(Slots(report));
            console.Write(Matrix(report));
            if (report.Rendering.Workloads.Count > 0)
                console.Write(Workloads(report.Rendering));
        }
        foreach (var release in report.Releases.Where(r => r.SecretPaths.Count > 0))
            console.MarkupLine($"[dim]{Markup.Escape(release.Name)}: secret values shown and rendered as a placeholder: {Markup.Escape(string.Join(", ", release.SecretPaths))}[/]");
        if (report.Rendering.Rendered)
            console.MarkupLine($"[dim]Rendered {report.Rendering.Workloads.Count} workload(s) of {report.Rendering.Releases.Count} release(s) with {Markup.Escape(report.Rendering.Helm ?? "helm")} in {report.Rendering.Seconds:0.0} s.[/]");
        else if (report.Rendering.Skipped is { } skipped)
            console.MarkupLine($"[yellow]Charts not rendered:[/] {Markup.Escape(skipped)}");
        FindingsTable.Render(console, report.Findings, report.Summary, report.NoFindings);
        if (report.UncheckedNote is { } note)
            console.MarkupLine($"[yellow]{Markup.Escape(note)}[/]");
    }

    private static Table Pools(PlanReport report)
    {
        var table = new Table().Title("[bold]Pools[/]").Border(TableBorder.Rounded)
            .AddColumns("pool", "instances", "AMI / capacity", "min/desired/max", "labels", "taints");
        foreach (var pool in report.Pools)
        {
            table.AddRow(
                new Markup($"[bold]{Markup.Escape(pool.Name)}[/]{(pool.Protect ? " [yellow](protected)[/]" : "")}"),
                new Text(string.Join("\n", pool.InstanceTypes)),
                new Text($"{pool.AmiType}\n{pool.CapacityType}"),
                new Text($"{pool.Scaling.Min}/{pool.Scaling.Desired}/{pool.Scaling.Max}"),
                new Text(string.Join("\n", pool.Labels.Select(l => $"{l.Key}={l.Value}"))),
                new Text(string.Join("\n", pool.Taints.Select(t => t.ToString()))));
        }
        return table;
    }

    private static Table Quotas(VcpuQuotaReport quotas)
    {
        var table = new Table().Title("[bold]EC2 vCPU quotas[/]").Border(TableBorder.Rounded)
            .Caption(string.Join("\n", ["vCPUs the pools need of each quota at their min / desired / max sizes (Service Quotas, service ec2)",
                .. quotas.Uncounted.Select(pool => $"pool {pool.Pool} not counted: {pool.Reason}")]))
            .AddColumns("quota", "pools (vCPUs per node)", "min", "desired", "max");
        foreach (var quota in quotas.Quotas)
        {
            table.AddRow(
                new Text($"{quota.Code}\n{quota.Name}"),
                new Text(string.Join("\n", quota.Pools.Select(pool => $"{pool.Pool} ({pool.VcpusPerNode})"))),
                new Text($"{quota.Min}"),
                new Text($"{quota.Desired}"),
                new Text($"{quota.Max}"));
        }
        return table;
    }

    private static Table Slots(PlanReport report)
    {
        var table = new Table().Title("[bold]Slots and their derived placement[/]").Border(TableBorder.Rounded)
            .AddColumns("slot", "style", "intent", "affinity", "tolerations");
        foreach (var slot in report.Slots)
        {
            table.AddRow(
                new Text(slot.Id + (slot.DaemonSet ? "\n(DaemonSet)" : "")),
                new Text(slot.Style),
                new Text(slot.Intent),
                new Text(PlacementText.Affinity(slot.Affinity)),
                new Text(PlacementText.Tolerations(slot.Tolerations)));
        }
        return table;
    }

    private static Table Matrix(PlanReport report)
    {
        var table = new Table().Title("[bold]Where each slot can run[/]").Caption("✗ taint: a NoSchedule/NoExecute taint it does not tolerate; ✗ affinity: its node affinity excludes the pool").Border(TableBorder.Rounded).AddColumn("slot \\ pool");
        foreach (var pool in report.Pools)
            table.AddColumn(new TableColumn(Markup.Escape(pool.Name)).Centered());
        foreach (var slot in report.Slots)
            table.AddRow([new Text(slot.Id), .. slot.Verdicts.Select(Cell)]);
        return table;
    }

    private static Table Workloads(RenderingReport rendering)
    {
        var table = new Table().Title("[bold]Rendered workloads[/]").Border(TableBorder.Rounded)
            .AddColumns("release", "workload", "origin", "placed by", "belongs on", "can run on", "status");
        foreach (var workload in rendering.Workloads)
        {
            table.AddRow(
                new Text(workload.Release),
                new Text(workload.MadeFrom is { } from ? $"{workload.Workload}\nfrom {from}" : workload.Workload),
                new Text(workload.Origin),
                new Text(workload.Acknowledged is { } pool ? $"acknowledged: {pool}" : workload.PlacedBy.Count == 0 ? "(nothing)" : string.Join("\n", workload.PlacedBy)),
                new Text(string.Join(", ", workload.Belongs)),
                new Text(workload.Fits.Count == 0 ? "(none)" : string.Join(", ", workload.Fits)),
                new Markup(workload.Status switch
                {
                    "placed" or "acknowledged" => $"[green]{workload.Status}[/]",
                    "off-pool" or "pending" => $"[red]{workload.Status}[/]",
                    _ => $"[dim]{Markup.Escape(workload.Status)}[/]",
                }));
        }
        return table;
    }

    private static Markup Cell(VerdictReport verdict) => verdict.Placement switch
    {
        "required" => new Markup("[green]✓ required[/]"),
        "preferred" => new Markup($"[green]✓ preferred +{verdict.PreferredScore}[/]"),
        "avoided" => new Markup("[yellow]✓ avoided[/]"),
        "fits" => new Markup(verdict.PreferredScore > 0 ? $"[green]✓ fits +{verdict.PreferredScore}[/]" : "[green]✓ fits[/]"),
        _ => new Markup($"[red]✗ {Markup.Escape(ReasonText.Codes(verdict.Refusals))}[/]"),
    };
}
