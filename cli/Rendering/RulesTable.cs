using NodePools.Placement.Reports;
using Spectre.Console;

namespace NodePools.Cli.Rendering;

/// <summary>The catalogue of rules as a table.</summary>
public static class RulesTable
{
    public static void Render(IAnsiConsole console, RulesReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("rule", "reads", "severity", "when");
        foreach (var rule in report.Rules)
            table.AddRow(new Text(rule.Id), new Text(rule.Stage), new Text(rule.Severity), new Text(rule.Doc));
        console.Write(table);
    }
}
