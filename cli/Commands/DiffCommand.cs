using System.CommandLine;
using NodePools.Cli.Rendering;
using NodePools.Placement.Planning;
using NodePools.Placement.Reports;
using NodePools.Placement.Pipeline;

namespace NodePools.Cli.Commands;

/// <summary>
/// `nodepools diff BASE_FILE STACK`: compares an earlier version of a stack file (e.g.
/// <c>git show origin/main:Pulumi.prod.yaml &gt; base.yaml</c>) with the current one; with rendering,
/// also where each rendered workload can run before and after.
/// </summary>
public static class DiffCommand
{
    public static Command Create(CliContext context)
    {
        var baseFile = new Argument<string>("BASE_FILE")
        {
            Description = "The earlier version of the stack file, e.g. from git show origin/main:Pulumi.prod.yaml.",
        };
        var arguments = new StackArguments();
        var render = new RenderArguments();
        var output = OutputOption.Create(OutputFormat.Table, OutputFormat.Markdown, OutputFormat.Json);
        var command = new Command("diff", "Review a stack change: what changes per pool and per slot, and the hazards of deploying it in one go.");
        command.Arguments.Add(baseFile);
        arguments.AddTo(command);
        render.AddTo(command);
        command.Options.Add(output);
        command.SetAction((parse, cancellation) => RunAsync(context,
            parse.GetRequiredValue(baseFile),
            parse.GetRequiredValue(arguments.Directory),
            parse.GetRequiredValue(arguments.Stack),
            OutputOption.Parse(parse.GetRequiredValue(output)),
            render.Read(parse),
            cancellation));
        return command;
    }

    internal static async Task<int> RunAsync(CliContext context, string baseFile, string directory, string stack, OutputFormat format,
        RenderRequest render, CancellationToken cancellation)
    {
        var project = StackFiles.ProjectName(directory);
        var current = StackPipeline.PlanFromDirectory(directory, stack);
        var before = StackPlanner.Plan(StackFiles.ReadStackFile(project, stack, baseFile));
        var analysisBefore = await render.AnalyzeAsync(context, before, cancellation);
        var analysisNow = await render.AnalyzeAsync(context, current, cancellation);
        var diff = StackPipeline.Review(analysisBefore, analysisNow);
        var report = DiffReport.From(diff, current, baseFile).WithRendering(analysisBefore, analysisNow);
        new ReportWriters(() => DiffTable.Render(context.Console, report))
        {
            Markdown = () => context.Output.Write(DiffMarkdown.Render(report)),
            Json = () => context.Output.WriteLine(ReportJson.Serialize(report)),
        }.Write(format);
        return diff.HasErrors ? ExitCodes.Findings : ExitCodes.Ok;
    }
}
