using NodePools.Placement.Checks;
using NodePools.Placement.Rendering;
using NodePools.Placement.Workloads;
using NodePools.Placement.Verdicts;
using NodePools.Placement.Pipeline;

namespace NodePools.Placement.Reports;

/// <summary>What the charts rendered and where each workload can run; or why nothing was rendered.</summary>
public sealed record RenderingReport(
    bool Rendered,
    string? Skipped,
    string? Helm,
    double Seconds,
    IReadOnlyList<ReleaseRenderReport> Releases,
    IReadOnlyList<WorkloadReport> Workloads)
{
    public static RenderingReport From(StackAnalysis analysis)
    {
        if (analysis.Rendered is not { } evaluation)
            return new RenderingReport(false, analysis.Skipped, null, 0, [], []);
        return new RenderingReport(
            true,
            null,
            evaluation.Render.HelmVersion,
            Math.Round(evaluation.Render.Elapsed.TotalSeconds, 2),
            evaluation.Render.Releases.Select(r => new ReleaseRenderReport(r.Release, r.Status.ToString().ToLowerInvariant(), r.Message, r.ChartOrigin, r.Workloads.Count)).ToList(),
            evaluation.Workloads.Select(WorkloadReport.From).ToList());
    }
}

public sealed record ReleaseRenderReport(string Release, string Status, string? Message, string? Chart, int Workloads);

/// <summary>One rendered workload: what placed it, where it belongs, where it can run.</summary>
public sealed record WorkloadReport(
    string Release,
    string Workload,
    string Origin,
    string Source,
    IReadOnlyList<string> PlacedBy,
    string? Acknowledged,
    IReadOnlyList<string> Belongs,
    IReadOnlyList<string> Fits,
    string Status,
    string? Note)
{
    /// <summary>The custom resource an operator made this workload from (KnativeServing/serving), or null.</summary>
    public string? MadeFrom { get; init; }

    /// <summary>The pods it runs at once: spec.replicas, or for an operator's workload the count the operator keeps.</summary>
    public int? Replicas { get; init; }

    public static WorkloadReport From(WorkloadPlacement placement) => new(
        placement.Release.Name,
        placement.Workload.Id,
        placement.Workload.Origin switch
        {
            WorkloadOrigin.Hook => $"hook: {placement.Workload.Hook}",
            WorkloadOrigin.Test => "helm test",
            WorkloadOrigin.RuntimeTemplate => "runtime pod template",
            // The resource it comes from is MadeFrom; a resource that is a hook still makes long-running workloads.
            WorkloadOrigin.Operator => placement.Workload.Hook is { } hook ? $"operator (hook: {hook})" : "operator",
            _ => placement.Workload.IsDaemonSet ? "daemonset" : "object",
        },
        placement.Workload.Source,
        [
            .. placement.PlacedByPatch is { } patch ? [$"patch at {patch.Path}"] : Array.Empty<string>(),
            .. placement.ReachedBy.Select(slot => $"{(slot.Spec.Path.Length == 0 ? "(root)" : slot.Spec.Path)} ({RenderedFacts.Keys(placement.KeysFrom(slot))})"),
        ],
        placement.Acknowledgement is { } acknowledgement ? string.Join(", ", acknowledgement.Pools) : null,
        placement.HomePools.Order(StringComparer.Ordinal).ToList(),
        placement.Fits.ToList(),
        StatusOf(placement),
        placement.Workload.Note)
    {
        MadeFrom = placement.Workload.From,
        Replicas = placement.Workload.Replicas,
    };

    private static string StatusOf(WorkloadPlacement placement) =>
        placement.Workload.Origin == WorkloadOrigin.Test ? "test (not installed)"
        : placement.Strays.Any() ? "off-pool"
        : !placement.Fits.Any() ? (placement.Workload.IsDaemonSet ? "no node" : "pending")
        : placement.Acknowledgement is not null ? "acknowledged"
        : "placed";
}
