using System.Diagnostics;
using NodePools.Placement.Audit;
using NodePools.Placement.Checks;
using NodePools.Placement.Declaration;
using NodePools.Placement.Discovery;
using NodePools.Placement.Planning;
using NodePools.Placement.Rendering;
using NodePools.Placement.Review;
using NodePools.Placement.Verdicts;
using NodePools.Placement.Workloads;

namespace NodePools.Placement.Pipeline;

/// <summary>
/// The one composition of the stages: declaration → plan → values → render → workloads → verdicts →
/// findings. The CLI, the Pulumi program, the stacks driver and `slots` all run a stack through here;
/// reports read what it returns.
/// </summary>
public static class StackPipeline
{
    /// <summary>Reads Pulumi.yaml (for the project name) and Pulumi.STACK.yaml from a directory, and plans.</summary>
    public static StackPlan PlanFromDirectory(string directory, string stack) =>
        StackPlanner.Plan(StackFiles.Read(directory, stack));

    /// <summary>Plans from Pulumi config values (the program's path), with the same parser.</summary>
    public static StackPlan PlanFromConfig(string project, string stack, Func<string, string?> configJson, string? region = null) =>
        StackPlanner.Plan(DeclarationParser.FromConfigValues(project, stack, configJson, region));

    /// <summary>The declared slots against every pool, and their findings; nothing rendered.</summary>
    public static StackAnalysis Check(StackPlan plan, string? skipped = null)
    {
        var verdicts = StackVerdicts.Evaluate(plan);
        return new StackAnalysis(verdicts, null, StackChecks.Run(new CheckInput(verdicts, null)), skipped);
    }

    /// <summary>The declared slots, and — when <paramref name="render"/> has helm — every workload the charts render.</summary>
    public static async Task<StackAnalysis> AnalyzeAsync(StackPlan plan, RenderSetup render, IProgress<string>? progress = null,
        CancellationToken cancellation = default)
    {
        if (render.Helm is not { } helm)
            return Check(plan, render.SkipReason);
        if (plan.Releases.Count == 0)
            return Check(plan, "the stack declares no releases");

        var rendered = await RenderAsync(plan, helm, render.Options, progress, cancellation).ConfigureAwait(false);
        var verdicts = StackVerdicts.Evaluate(plan);
        var evaluation = RenderedEvaluation.Evaluate(plan, rendered);
        return new StackAnalysis(verdicts, evaluation, StackChecks.Run(new CheckInput(verdicts, evaluation, render.Required)), null);
    }

    /// <summary>Renders every release in parallel with the cluster's Kubernetes version, and reads what each rendered.</summary>
    public static async Task<StackRender> RenderAsync(StackPlan plan, HelmRunner helm, RenderOptions options, IProgress<string>? progress = null,
        CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var version = await helm.VersionAsync(cancellation).ConfigureAwait(false) ?? "helm (version unknown)";
        using var gate = new SemaphoreSlim(options.Parallelism);
        var renderer = new ReleaseRenderer(helm, options, gate);
        var renders = await Task.WhenAll(plan.Releases.Select(async release =>
        {
            var render = RenderedReleases.Read(await renderer.RenderAsync(release, plan.Declaration.Cluster.Version, cancellation).ConfigureAwait(false));
            progress?.Report($"{release.Name}: {Describe(render)}");
            return render;
        })).ConfigureAwait(false);
        return new StackRender(version, renders, clock.Elapsed);
    }

    /// <summary>`nodepools slots`: which values path of a release's chart reaches which workload.</summary>
    public static Task<Discovery.Discovery> DiscoverAsync(StackPlan plan, string release, HelmRunner helm, RenderOptions options,
        IProgress<string>? progress = null, CancellationToken cancellation = default) =>
        SlotDiscovery.RunAsync(plan, release, helm, options, progress, cancellation);

    /// <summary>Two analyses of a stack: what changes per pool and per slot, and the hazards of deploying it in one go.</summary>
    public static StackDiffResult Review(StackAnalysis before, StackAnalysis after) => StackDiff.Compare(before.Verdicts, after.Verdicts);

    /// <summary>A running cluster against the analysis: each workload held to its rendered pools where the charts were rendered, else to its release's.</summary>
    public static AuditResult Audit(StackAnalysis analysis, ClusterSnapshot snapshot) =>
        ClusterAudit.Run(analysis.Plan, analysis.Rendered, snapshot);

    private static string Describe(ReleaseRender render) => render.Status switch
    {
        RenderStatus.Rendered => $"rendered {render.Workloads.Count} workload(s)",
        RenderStatus.Rejected => "the chart refused the values",
        _ => "chart unavailable",
    };
}
