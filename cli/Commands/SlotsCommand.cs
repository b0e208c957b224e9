using System.CommandLine;
using NodePools.Cli.Rendering;
using NodePools.Placement.Discovery;
using NodePools.Placement.Input;
using NodePools.Placement.Pipeline;
using NodePools.Placement.Reports;

namespace NodePools.Cli.Commands;

/// <summary>
/// `nodepools slots STACK RELEASE`: renders the release's chart with a marker at every placement key
/// its values expose, maps each values path to the workloads it reaches, and prints the slots to declare.
/// </summary>
public static class SlotsCommand
{
    public static Command Create(CliContext context)
    {
        var arguments = new StackArguments();
        var release = new Argument<string>("RELEASE") { Description = "The release whose chart to explore, as named under node-pools:releases." };
        var charts = RenderArguments.ChartsOption();
        var output = OutputOption.Create(OutputFormat.Table, OutputFormat.Json);
        var command = new Command("slots", "Discover which values path of a release's chart places which rendered workload, and print the slots to declare.");
        arguments.AddTo(command);
        command.Arguments.Add(release);
        command.Options.Add(charts);
        command.Options.Add(output);
        command.SetAction((parse, cancellation) => RunAsync(context,
            parse.GetRequiredValue(arguments.Directory),
            parse.GetRequiredValue(arguments.Stack),
            parse.GetRequiredValue(release),
            parse.GetValue(charts),
            OutputOption.Parse(parse.GetRequiredValue(output)),
            cancellation));
        return command;
    }

    internal static async Task<int> RunAsync(CliContext context, string directory, string stack, string release, string? charts, OutputFormat format,
        CancellationToken cancellation)
    {
        var plan = StackPipeline.PlanFromDirectory(directory, stack);
        var setup = new RenderRequest(RenderMode.Always, charts).Complete(requiredBy: ("slots", "discovery renders the chart, so it needs helm 3.8 or later"));
        var discovery = await StackPipeline.DiscoverAsync(plan, release, setup.Helm!, setup.Options, new Progress(context.Error), cancellation);
        var report = SlotsReport.From(discovery, SlotSuggestion.From(discovery));
        new ReportWriters(() => SlotsTable.Render(context.Console, report))
        {
            Json = () => context.Output.WriteLine(ReportJson.Serialize(report)),
        }.Write(format);
        return ExitCodes.Ok;
    }

    private sealed class Progress(TextWriter error) : IProgress<string>
    {
        public void Report(string value) => error.WriteLine(value);
    }
}
