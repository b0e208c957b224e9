using System.CommandLine;
using NodePools.Placement.Input;
using NodePools.Placement.Pipeline;
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

/// <summary>Whether plan, check and diff render the charts: when helm is on PATH (auto), always, or never.</summary>
internal enum RenderMode { Auto, Always, Never }

/// <summary>
/// What the user asked of rendering, completed into what the pipeline runs with (helm found, the
/// charts folder checked) or refused with the flag that asked for it.
/// </summary>
internal sealed record RenderRequest(RenderMode Mode, string? ChartsDirectory)
{
    public static readonly RenderRequest Never = new(RenderMode.Never, null);

    /// <summary>Finds helm and checks the charts folder; says why rendering is skipped, or refuses what cannot run.</summary>
    /// <param name="requiredBy">The flag or command that needs helm, and why, for the error when it is missing.</param>
    public RenderSetup Complete(Func<HelmRunner?>? locateHelm = null, (string Key, string Why)? requiredBy = null)
    {
        if (Mode == RenderMode.Never)
            return RenderSetup.Skip("rendering was turned off (--no-render): only the declared slots were checked");
        if (ChartsDirectory is { } charts && !Directory.Exists(charts))
            throw new InvalidInputException(new InputError(charts, "--charts", "no such folder: it should hold the charts (helm pull --untar output or .tgz files)"));
        if ((locateHelm ?? HelmRunner.Locate)() is not { } helm)
        {
            var (key, why) = requiredBy ?? ("--render", "install helm 3.8 or later to render the charts");
            return Mode == RenderMode.Always
                ? throw new InvalidInputException(new InputError("helm", key, $"helm is not on PATH (or NODEPOOLS_HELM): {why}"))
                : RenderSetup.Skip("helm is not on PATH: the charts were not rendered, so only the declared slots were checked (install helm, or pass --no-render to say so)");
        }
        return RenderSetup.With(helm, new RenderOptions { ChartsDirectory = ChartsDirectory }, required: Mode == RenderMode.Always);
    }

    /// <summary>Runs the stack through the pipeline as asked, telling progress and skips on the error stream.</summary>
    public async Task<StackAnalysis> AnalyzeAsync(CliContext context, StackPlan plan, CancellationToken cancellation)
    {
        var setup = Complete();
        var analysis = await StackPipeline.AnalyzeAsync(plan, setup, Mode == RenderMode.Never ? null : new SyncProgress(context.Error), cancellation);
        if (analysis.Skipped is { } reason && Mode != RenderMode.Never)
            context.Error.WriteLine($"note: {reason}");
        return analysis;
    }

    /// <summary>Progress written as it happens (Progress&lt;T&gt; would post to the thread pool and reorder lines).</summary>
    internal sealed class SyncProgress(TextWriter error) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (error)
                error.WriteLine($"  {value}");
        }
    }
}
