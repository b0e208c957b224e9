using System.CommandLine;
using System.Text.Json;
using NodePools.Cli.Rendering;
using NodePools.Placement.Pipeline;
using NodePools.Placement.Reports;

namespace NodePools.Cli.Commands;

/// <summary>
/// `nodepools plan STACK` prints pools, slots with their derived placement, the slot × pool matrix and
/// the findings; `nodepools check STACK` prints the findings only. Both exit 0 / 1 / 2.
/// </summary>
public static class PlanCommand
{
    public static Command Create(CliContext context, bool findingsOnly)
    {
        var arguments = new StackArguments();
        var render = new RenderArguments();
        var output = OutputOption.Create(OutputFormat.Table, OutputFormat.Markdown, OutputFormat.Json);
        var command = findingsOnly
            ? new Command("check", "Check a stack: every slot, and every workload its charts render, lands on its pool and nowhere else. "
                                   + "Prints the findings; exit 1 on errors.")
            : new Command("plan", "Plan a stack: pools, each slot's derived placement, where each slot and each rendered workload can run, and the findings.");
        arguments.AddTo(command);
        render.AddTo(command);
        command.Options.Add(output);
        command.SetAction((parse, cancellation) => RunAsync(context,
            parse.GetRequiredValue(arguments.Directory),
            parse.GetRequiredValue(arguments.Stack),
            OutputOption.Parse(parse.GetRequiredValue(output)),
            findingsOnly,
            render.Read(parse),
            cancellation));
        return command;
    }

    public static int Run(CliContext context, string directory, string stack, OutputFormat format, bool findingsOnly) =>
        RunAsync(context, directory, stack, format, findingsOnly, RenderRequest.Never, CancellationToken.None).GetAwaiter().GetResult();

    internal static async Task<int> RunAsync(CliContext context, string directory, string stack, OutputFormat format, bool findingsOnly,
        RenderRequest render, CancellationToken cancellation)
    {
        var plan = StackPipeline.PlanFromDirectory(directory, stack);
        var analysis = await render.AnalyzeAsync(context, plan, cancellation);
        var report = PlanReport.From(analysis);
        new ReportWriters(() => PlanTable.Render(context.Console, report, findingsOnly))
        {
            Markdown = () => context.Output.Write(PlanMarkdown.Render(report, findingsOnly)),
            Json = () => context.Output.WriteLine(ReportJson.Serialize(report)),
        }.Write(format);
        return analysis.HasErrors ? ExitCodes.Findings : ExitCodes.Ok;
    }
}
