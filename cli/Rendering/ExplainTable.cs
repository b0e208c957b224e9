using NodePools.Placement.Scheduling;
using Spectre.Console;
using NodePools.Placement.Explaining;

namespace NodePools.Cli.Rendering;

/// <summary>
/// `explain --output table`: a pod × node matrix when it fits a screen, then every refusal in the
/// scheduler's own words; one summary row per pod when the matrix would not fit.
/// </summary>
public static class ExplainTable
{
    public static void Render(IAnsiConsole console, IReadOnlyList<PairExplanation> pairs, IReadOnlyList<string> nodeNames)
    {
        if (pairs.Count == 0)
        {
            console.MarkupLine("[yellow]Nothing to evaluate:[/] the files hold no pods or no nodes.");
            return;
        }
        console.Write(Matrix(pairs, nodeNames));

        var refused = pairs.Where(pair => !pair.Schedulable).ToList();
        if (refused.Count > 0)
        {
            console.WriteLine();
            console.MarkupLine("[bold]Why not[/]");
            foreach (var pair in refused)
            {
                var others = pair.AllReasons.Skip(pair.Reasons.Count).ToList();
                console.MarkupLineInterpolated($"  {pair.Pod} → {pair.Node}: {string.Join("; ", pair.Reasons)}");
                if (others.Count > 0)
                    console.MarkupLineInterpolated($"      [dim]and, once that is fixed: {string.Join("; ", others)}[/]");
            }
        }

        var pods = pairs.Select(pair => pair.Pod).Distinct().ToList();
        var pending = pods.Where(pod => pairs.Where(pair => pair.Pod == pod).All(pair => !pair.Schedulable)).ToList();
        console.WriteLine();
        console.MarkupLineInterpolated($"{pods.Count} pod(s) × {nodeNames.Count} node(s): {pairs.Count(pair => pair.Schedulable)} of {pairs.Count} pairs fit.");
        foreach (var pod in pending)
            console.MarkupLineInterpolated($"[red]{pod} fits no node: it would stay Pending.[/]");
    }

    /// <summary>A row per pod: how many nodes it fits, the best of them, and why the others refuse it.</summary>
    public static void RenderSummary(IAnsiConsole console, Placement.Explaining.ExplainMatrix matrix)
    {
        const int MaxRows = 500;
        var table = new Table().Border(TableBorder.Rounded).AddColumns("pod", "fits", "best nodes", "refused by");
        var summaries = new Placement.Explaining.PodSummary?[matrix.PodClassCount];
        var pending = 0;
        for (var p = 0; p < matrix.PodCount; p++)
        {
            var summary = Placement.Explaining.PodSummary.For(matrix, p, summaries);
            if (summary.SchedulableNodes == 0)
                pending++;
            if (p >= MaxRows)
                continue;
            table.AddRow(
                new Text(matrix.PodName(p)),
                new Markup(summary.SchedulableNodes == 0 ? "[red]0[/]" : $"[green]{summary.SchedulableNodes}[/]/{matrix.NodeCount}"),
                new Text(string.Join(", ", summary.BestNodes)),
                new Text(string.Join("\n", summary.Reasons.Select(r => $"{r.Value}: {r.Key}"))));
        }
        console.Write(table);
        if (matrix.PodCount > MaxRows)
            console.MarkupLineInterpolated($"[dim]… and {matrix.PodCount - MaxRows} more pods: --output summary lists them all.[/]");
        console.MarkupLineInterpolated($"{matrix.PodCount} pod(s) × {matrix.NodeCount} node(s), {matrix.PodClassCount} kind(s) of pod × {matrix.NodeClassCount} kind(s) of node: {pending} pod(s) fit no node.");
    }

    private static Table Matrix(IReadOnlyList<PairExplanation> pairs, IReadOnlyList<string> nodeNames)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn(new TableColumn("[bold]pod \\ node[/]"));
        foreach (var node in nodeNames)
            table.AddColumn(new TableColumn(Markup.Escape(node)).Centered());
        foreach (var row in pairs.GroupBy(pair => pair.Pod))
            table.AddRow([new Markup(Markup.Escape(row.Key)), .. row.Select(Cell)]);
        return table;
    }

    private static Markup Cell(PairExplanation pair)
    {
        if (!pair.Schedulable)
            return new Markup($"[red]✗ {Markup.Escape(string.Join(", ", pair.Refusals.Select(ReasonText.Short)))}[/]");
        var ranking = new List<string>();
        if (pair.PreferredScore != 0)
            ranking.Add($"preferred +{pair.PreferredScore}");
        if (pair.UntoleratedPreferNoSchedule != 0)
            ranking.Add($"{pair.UntoleratedPreferNoSchedule} PreferNoSchedule");
        return new Markup(ranking.Count == 0 ? "[green]✓ fits[/]" : $"[green]✓ fits[/] ({Markup.Escape(string.Join(", ", ranking))})");
    }
}
