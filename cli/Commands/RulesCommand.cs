using System.CommandLine;
using NodePools.Cli.Rendering;
using NodePools.Placement.Checks;
using NodePools.Placement.Reports;

namespace NodePools.Cli.Commands;

/// <summary>`nodepools rules [RULE]`: the catalogue of every finding's rule, or one rule, with what it reads, its severity and when it fires.</summary>
public static class RulesCommand
{
    public static Command Create(CliContext context)
    {
        var rule = new Argument<string?>("RULE") { Description = "One rule id to describe (e.g. workload-off-pool); all rules when omitted.", Arity = ArgumentArity.ZeroOrOne };
        var output = OutputOption.Create(OutputFormat.Table, OutputFormat.Markdown, OutputFormat.Json);
        var command = new Command("rules", "List the rules findings are reported under: what each reads (the declaration, the rendered charts, a change, or the running cluster), its severity, and when it fires.")
        {
            rule,
            output,
        };
        command.SetAction(parse => Run(context, parse.GetValue(rule), OutputOption.Parse(parse.GetRequiredValue(output))));
        return command;
    }

    internal static int Run(CliContext context, string? id, OutputFormat format)
    {
        var rules = Rules.All.Where(rule => id is null || rule.Id == id).ToList();
        if (rules.Count == 0)
        {
            context.Error.WriteLine($"error: no rule \"{id}\" (rules: {string.Join(", ", Rules.All.Select(rule => rule.Id))})");
            return ExitCodes.InvalidInput;
        }
        var report = RulesReport.From(rules);
        new ReportWriters(() => RulesTable.Render(context.Console, report))
        {
            Markdown = () => context.Output.Write(report.Markdown()),
            Json = () => context.Output.WriteLine(ReportJson.Serialize(report)),
        }.Write(format);
        return ExitCodes.Ok;
    }
}
