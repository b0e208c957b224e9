using NodePools.Placement.Scheduling;
using Spectre.Console;

namespace NodePools.Cli.Rendering;

/// <summary>
/// `explain --output table`: a pod × node matrix when it fits a screen, one row per pair when it
/// does not; then every refusal in the scheduler's own words.
/// </summary>
public static class ExplainTable
{
    private const int MaxMatrixColumns = 8;

    public static void Render(IAnsiConsole console, IReadOnlyList<PairExplanation> pairs, IReadOnlyList<string> nodeNames)
    {
        if (pairs.Count == 0)
        {
            console.MarkupLine("[yellow]Nothing to evaluate:[/] the files hold no pods or no nodes.");
            return;
        }
        console.Write(nodeNames.Count <= MaxMatrixColumns ? Matrix(pairs, nodeNames) : PairRows(pairs));

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

    private static Table Matrix(IReadOnlyList<PairExplanation> pairs, IReadOnlyList<string> nodeNames)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn(new TableColumn("[bold]pod \\ node[/]"));
        foreach (var node in nodeNames)
            table.AddColumn(new TableColumn(Markup.Escape(node)).Centered());
        foreach (var row in pairs.GroupBy(pair => pair.Pod))
            table.AddRow([new Markup(Markup.Escape(row.Key)), .. row.Select(Cell)]);
        return table;
    }

    private static Table PairRows(IReadOnlyList<PairExplanation> pairs)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("pod", "node", "result", "preferred", "PreferNoSchedule");
        foreach (var pair in pairs)
            table.AddRow(new Markup(Markup.Escape(pair.Pod)), new Markup(Markup.Escape(pair.Node)), Cell(pair),
                new Text(pair.PreferredScore.ToString()), new Text(pair.UntoleratedPreferNoSchedule.ToString()));
        return table;
    }

    private static Markup Cell(PairExplanation pair)
    {
        if (!pair.Schedulable)
            return new Markup($"[red]✗ {Markup.Escape(string.Join(", ", pair.AllReasons.Select(ReasonText.Short)))}[/]");
        var ranking = new List<string>();
        if (pair.PreferredScore != 0)
            ranking.Add($"preferred +{pair.PreferredScore}");
        if (pair.UntoleratedPreferNoSchedule != 0)
            ranking.Add($"{pair.UntoleratedPreferNoSchedule} PreferNoSchedule");
        return new Markup(ranking.Count == 0 ? "[green]✓ fits[/]" : $"[green]✓ fits[/] ({Markup.Escape(string.Join(", ", ranking))})");
    }
}
