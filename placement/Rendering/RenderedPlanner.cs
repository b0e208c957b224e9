using NodePools.Placement.Checks.Rendered;
using NodePools.Placement.Input;
using NodePools.Placement.Planning;

namespace NodePools.Placement.Rendering;

/// <summary>Whether plan, check and diff render the charts: when helm is on PATH (auto), always, or never.</summary>
public enum RenderMode { Auto, Always, Never }

/// <summary>A plan, and what its charts render evaluated against its pools — or why that was skipped.</summary>
public sealed record RenderedPlan(StackPlan Plan, RenderedEvaluation? Evaluation, IReadOnlyList<Finding> RenderedFindings, string? Skipped)
{
    /// <summary>
    /// The declaration's findings and the rendered ones, errors first. Where the charts rendered, the
    /// capacity the rendered workloads need replaces the declared slots' estimate of it.
    /// </summary>
    public IReadOnlyList<Finding> Findings { get; } = Plan.Findings
        .Where(f => Evaluation is null || f.Rule != Checks.Capacity.PoolCapacity.Rule)
        .Concat(RenderedFindings)
        .OrderByDescending(f => f.Severity).ThenBy(f => f.Rule, StringComparer.Ordinal).ThenBy(f => f.Subject, StringComparer.Ordinal).ToList();

    public bool HasErrors => Findings.Any(f => f.Severity == Severity.Error);

    public static RenderedPlan Unrendered(StackPlan plan, string reason) => new(plan, null, [], reason);
}

/// <summary>The stage after planning: render every release with helm and check what Kubernetes will receive.</summary>
public static class RenderedPlanner
{
    /// <param name="locateHelm">Finds helm; <see cref="HelmRunner.Locate"/> unless given.</param>
    public static async Task<RenderedPlan> RunAsync(StackPlan plan, RenderMode mode, RenderOptions options, IProgress<string>? progress = null,
        CancellationToken cancellation = default, Func<HelmRunner?>? locateHelm = null)
    {
        if (mode == RenderMode.Never)
            return RenderedPlan.Unrendered(plan, "rendering was turned off (--no-render): only the declared slots were checked");
        if (options.ChartsDirectory is { } charts && !Directory.Exists(charts))
            throw new InvalidInputException(new InputError(charts, "--charts", "no such folder: it should hold the charts (helm pull --untar output or .tgz files)"));
        if ((locateHelm ?? HelmRunner.Locate)() is not { } helm)
        {
            return mode == RenderMode.Always
                ? throw new InvalidInputException(new InputError("helm", "--render", "helm is not on PATH (or NODEPOOLS_HELM): install helm 3.8 or later to render the charts"))
                : RenderedPlan.Unrendered(plan, "helm is not on PATH: the charts were not rendered, so only the declared slots were checked (install helm, or pass --no-render to say so)");
        }
        if (plan.Releases.Count == 0)
            return RenderedPlan.Unrendered(plan, "the stack declares no releases");

        var render = await StackRenderer.RenderAsync(plan, helm, options, progress, cancellation).ConfigureAwait(false);
        var evaluation = RenderedEvaluation.Evaluate(plan, render);
        return new RenderedPlan(plan, evaluation, RenderedChecks.Run(evaluation, required: mode == RenderMode.Always), null);
    }
}
