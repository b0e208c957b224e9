using System.CommandLine;
using NodePools.Placement.Planning;
using NodePools.Placement.Rendering;

namespace NodePools.Cli.Commands;

/// <summary>The rendering options plan, check and diff share: --render, --no-render, --charts.</summary>
internal sealed class RenderArguments
{
    public Option<bool> Render { get; } = new("--render")
    {
        Description = "Render every release's chart with helm and check what Kubernetes will receive; fail when helm or a chart is missing. "
                      + "By default the charts are rendered when helm is on PATH.",
    };

    public Option<bool> NoRender { get; } = new("--no-render")
    {
        Description = "Check only the declared slots; do not run helm.",
    };

    public Option<string?> Charts { get; } = ChartsOption();

    /// <summary>--charts DIR, for every command that renders.</summary>
    public static Option<string?> ChartsOption() => new("--charts")
    {
        Description = "A folder of charts to render from instead of their repositories (helm pull --untar output or CHART-VERSION.tgz files).",
        HelpName = "DIR",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Render);
        command.Options.Add(NoRender);
        command.Options.Add(Charts);
        command.Validators.Add(result =>
        {
            if (result.GetValue(Render) && result.GetValue(NoRender))
                result.AddError("--render and --no-render contradict each other: pass one of them");
        });
    }

    public RenderRequest Read(ParseResult parse) => new(
        parse.GetValue(Render) ? RenderMode.Always : parse.GetValue(NoRender) ? RenderMode.Never : RenderMode.Auto,
        parse.GetValue(Charts));
}

/// <summary>What the user asked of rendering.</summary>
internal sealed record RenderRequest(RenderMode Mode, string? ChartsDirectory)
{
    public static readonly RenderRequest Never = new(RenderMode.Never, null);

    /// <summary>Renders the plan's releases as asked, telling progress and skips on the error stream.</summary>
    public async Task<RenderedPlan> RunAsync(CliContext context, StackPlan plan, CancellationToken cancellation)
    {
        var options = new RenderOptions { ChartsDirectory = ChartsDirectory };
        var rendered = await RenderedPlanner.RunAsync(plan, Mode, options, Mode == RenderMode.Never ? null : new SyncProgress(context.Error), cancellation);
        if (rendered.Skipped is { } reason && Mode != RenderMode.Never)
            context.Error.WriteLine($"note: {reason}");
        return rendered;
    }

    /// <summary>Progress written as it happens (Progress&lt;T&gt; would post to the thread pool and reorder lines).</summary>
    private sealed class SyncProgress(TextWriter error) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (error)
                error.WriteLine($"  {value}");
        }
    }
}
