using NodePools.Placement.Review;
using NodePools.Placement.Pipeline;

namespace NodePools.Placement.Reports;

/// <summary>`nodepools diff` as data: what changed per pool and per slot, and the hazards.</summary>
public sealed record DiffReport(
    string Project,
    string Stack,
    string Base,
    IReadOnlyList<PoolChangeReport> Pools,
    IReadOnlyList<SlotChange> Slots,
    IReadOnlyList<FindingReport> Findings,
    FindingCounts Summary)
{
    /// <summary>Rendered workloads whose pools change; empty when nothing was rendered (see <see cref="Rendering"/>).</summary>
    public IReadOnlyList<WorkloadChange> Workloads { get; init; } = [];

    /// <summary>The order a Kubernetes version bump deploys in; empty when the version does not change.</summary>
    public IReadOnlyList<string> UpgradeOrder { get; init; } = [];

    /// <summary>Whether base and current were rendered, or why not.</summary>
    public string Rendering { get; init; } = "not rendered";

    /// <summary>Adds the per-workload placement changes of rendered base and current stacks.</summary>
    public DiffReport WithRendering(StackAnalysis before, StackAnalysis after) =>
        before.Rendered is { } then && after.Rendered is { } now
            ? this with { Workloads = WorkloadDiff.Compare(then, now), Rendering = "base and current rendered with " + now.Render.HelmVersion }
            : this with { Rendering = "not rendered: " + (after.Skipped ?? before.Skipped) };

    public static DiffReport From(StackDiffResult diff, Planning.StackPlan current, string baseFile) => new(
        current.Declaration.Project,
        current.Declaration.Stack,
        baseFile,
        diff.Pools.Select(p => new PoolChangeReport(p.Pool, p.Kind,
            p.Fields.Select(f => new FieldChangeReport(f.Field, f.Before, f.After, Effect(f.Effect))).ToList())).ToList(),
        diff.Slots,
        diff.Findings.Select(FindingReport.From).ToList(),
        FindingCounts.Of(diff.Findings))
    {
        UpgradeOrder = diff.UpgradeOrder,
    };

    public static string Effect(ChangeEffect effect) => effect switch
    {
        ChangeEffect.Replace => "replace",
        ChangeEffect.Rolling => "rolling update",
        _ => "in place",
    };
}

public sealed record PoolChangeReport(string Pool, string Kind, IReadOnlyList<FieldChangeReport> Fields);

public sealed record FieldChangeReport(string Field, string Before, string After, string Effect);
