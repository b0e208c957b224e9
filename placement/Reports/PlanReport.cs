using System.Text.Json.Nodes;
using NodePools.Placement.Kubernetes;
using NodePools.Placement.Planning;
using NodePools.Placement.Rendering;
using NodePools.Placement.Facts;
using NodePools.Placement.Checks;
using NodePools.Placement.Verdicts;
using NodePools.Placement.Pipeline;

namespace NodePools.Placement.Reports;

/// <summary>The plan as data: what `nodepools plan --output json` prints and every other format reads.</summary>
public sealed record PlanReport(
    string Project,
    string Stack,
    ClusterReport Cluster,
    IReadOnlyList<PoolReport> Pools,
    IReadOnlyList<SlotReport> Slots,
    IReadOnlyList<ReleaseReport> Releases,
    IReadOnlyList<FindingReport> Findings,
    FindingCounts Summary,
    RenderingReport Rendering,
    VcpuQuotaReport VcpuQuotas)
{
    /// <summary>
    /// Releases nothing checked: they declare no slots, and their charts were not rendered, so no
    /// workload of theirs was looked at. A report with no findings must not read as if they passed.
    /// </summary>
    public IReadOnlyList<string> Unchecked { get; init; } = [];

    /// <summary>What the report says when it has no findings.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string NoFindings => Unchecked.Count > 0
        ? "No findings for the declared slots."
        : Rendering.Rendered
            ? "No findings: every slot and every rendered workload lands only on the pools meant for it."
            : "No findings: every slot lands only on the pools meant for it.";

    /// <summary>How many releases went unchecked and how to check them, or null.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? UncheckedNote => Unchecked.Count == 0 ? null
        : $"{Unchecked.Count} release(s) declare no slots and were not checked, because their charts were not rendered: {string.Join(", ", Unchecked)}. "
          + "Check them by rendering: --render with helm on PATH (offline: --charts DIR with each chart at its pinned version, dependencies vendored).";

    public static PlanReport From(StackAnalysis analysis)
    {
        var plan = analysis.Plan;
        return new PlanReport(
            plan.Declaration.Project,
            plan.Declaration.Stack,
            new ClusterReport(plan.Declaration.Cluster.Name, plan.Declaration.Cluster.Version),
            plan.Pools.Select(PoolReport.From).ToList(),
            analysis.Verdicts.Slots.Select(SlotReport.From).ToList(),
            plan.Releases.Select(ReleaseReport.From).ToList(),
            analysis.Findings.Select(FindingReport.From).ToList(),
            FindingCounts.Of(analysis.Findings),
            RenderingReport.From(analysis),
            VcpuQuotaReport.From(NodePools.Placement.Deployment.VcpuQuotas.Demand(plan.Declaration.Pools)))
        {
            Unchecked = analysis.Rendered is null ? plan.Releases.Where(release => release.Slots.Count == 0).Select(release => release.Name).ToList() : [],
        };
    }
}

public sealed record ClusterReport(string Name, string Version);

/// <summary>
/// A release as it will be installed: the user's values with every slot's placement written in
/// (secrets as a placeholder), its release-wide intent, its acknowledged workloads, and the patches
/// its post-renderer applies to what the chart renders.
/// </summary>
public sealed record ReleaseReport(
    string Name,
    string Chart,
    string Repository,
    string Version,
    string Namespace,
    string Intent,
    IReadOnlyList<AcknowledgementReport> Acknowledgements,
    IReadOnlyList<string> SecretPaths,
    JsonObject Values)
{
    /// <summary>The release-wide intent as data (<see cref="Intent"/> is its text).</summary>
    public IntentReport? IntentData { get; init; }

    /// <summary>Each patch as it applies: its target, where in the object, and the JSON merge patch written there.</summary>
    public IReadOnlyList<PatchReport> Patches { get; init; } = [];

    public static ReleaseReport From(ReleasePlan release) => new(
        release.Name,
        release.Spec.Chart,
        release.Spec.Repository,
        release.Spec.Version,
        release.Spec.Namespace,
        SlotReport.Describe(release.Spec.Intent),
        release.Spec.Acknowledgements.Select(a => new AcknowledgementReport(a.Workload, a.Pools, a.Reason)).ToList(),
        release.Spec.SecretPaths,
        release.Values)
    {
        IntentData = IntentReport.From(release.Spec.Intent),

        Patches = release.Patches.Select(patch => new PatchReport(patch.Target.ToString(), patch.Path.ToString(), patch.Merge)).ToList(),
    };
}

public sealed record PatchReport(string Target, string Path, JsonObject Merge);

public sealed record AcknowledgementReport(string Workload, IReadOnlyList<string> Pools, string? Reason);

public sealed record PoolReport(
    string Name,
    IReadOnlyList<string> InstanceTypes,
    string AmiType,
    string CapacityType,
    ScalingReport Scaling,
    int DiskSize,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<TaintReport> Taints,
    bool Protect)
{
    public static PoolReport From(PoolPlan pool) => new(
        pool.Name,
        pool.Spec.InstanceTypes,
        pool.Spec.AmiType,
        pool.Spec.CapacityType,
        new ScalingReport(pool.Spec.Scaling.Min, pool.Spec.Scaling.Desired, pool.Spec.Scaling.Max),
        pool.Spec.DiskSize,
        pool.Spec.Labels,
        pool.Spec.Taints.Select(t => new TaintReport(t.Key, t.Value, t.Effect)).ToList(),
        pool.Spec.Protect);
}

public sealed record ScalingReport(int Min, int Desired, int Max);

public sealed record TaintReport(string Key, string? Value, string Effect)
{
    public override string ToString() => Taint.Format(Key, Value, Effect);
}

public sealed record SlotReport(
    string Id,
    string Style,
    string Intent,
    bool DaemonSet,
    JsonNode? Affinity,
    JsonArray Tolerations,
    JsonObject? NodeSelector,
    IReadOnlyList<VerdictReport> Verdicts)
{
    /// <summary>The slot's intent as data (<see cref="Intent"/> is its text).</summary>
    public IntentReport? IntentData { get; init; }

    /// <summary>The pools the slot fits (serialized with the report).</summary>
    public IEnumerable<string> Fits => Verdicts.Where(v => v.Schedulable).Select(v => v.Pool);

    public static SlotReport From(EvaluatedSlot slot) => new(
        slot.Id,
        Declaration.SlotStyles.Of(slot.Spec.Style).Name,
        Describe(slot.Spec.Intent),
        slot.Spec.DaemonSet,
        PlacementJson.Affinity(slot.Placement.Affinity),
        PlacementJson.Tolerations(slot.Placement.Tolerations),
        PlacementJson.NodeSelector(slot.Placement.NodeSelector),
        slot.Verdicts.Select(v => new VerdictReport(v.Pool, v.Verdict.Schedulable, v.Verdict.AllReasons(), v.Verdict.PreferredScore,
            v.Verdict.UntoleratedPreferNoSchedule, Placed(slot, v)) { Refusals = v.Verdict.AllRefusals() }).ToList())
    {
        IntentData = IntentReport.From(slot.Spec.Intent),
    };

    /// <summary>"pool: gpu", "prefer: a (80)", "avoid: b (50)", "+2 tolerations".</summary>
    public static string Describe(Declaration.IntentSpec intent)
    {
        var parts = new List<string>();
        if (intent.IsRequired)
            parts.Add($"pool: {string.Join(" | ", intent.Pools)}");
        parts.AddRange(intent.Prefer.Select(p => $"prefer: {p.Pool} ({p.Weight})"));
        parts.AddRange(intent.Avoid.Select(p => $"avoid: {p.Pool} ({p.Weight})"));
        if (intent.Tolerations.Count > 0)
            parts.Add($"+{intent.Tolerations.Count} toleration(s)");
        return parts.Count == 0 ? "(none)" : string.Join(", ", parts);
    }

    /// <summary>How the slot relates to a pool it fits: required there, preferred there, or merely allowed.</summary>
    private static string Placed(EvaluatedSlot slot, SlotVerdict verdict)
    {
        if (!verdict.Verdict.Schedulable)
            return "blocked";
        var intent = slot.Spec.Intent;
        if (intent.Pools.Contains(verdict.Pool))
            return "required";
        if (intent.Prefer.Any(p => p.Pool == verdict.Pool))
            return "preferred";
        return intent.Avoid.Any(p => p.Pool == verdict.Pool) ? "avoided" : "fits";
    }
}

public sealed record VerdictReport(string Pool, bool Schedulable, IReadOnlyList<string> Reasons, int PreferredScore, int UntoleratedPreferNoSchedule, string Placement)
{
    /// <summary>The refusals, typed, for tables that shorten them (the JSON carries <see cref="Reasons"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<Scheduling.Refusal> Refusals { get; init; } = [];
}

public sealed record FindingReport(string Severity, string Rule, string Subject, string Message, string? Fix)
{
    public static FindingReport From(Finding finding) =>
        new(finding.Severity.ToString().ToLowerInvariant(), finding.Rule, finding.Subject, finding.Message, finding.Fix);
}

public sealed record FindingCounts(int Errors, int Warnings, int Infos)
{
    public static FindingCounts Of(IEnumerable<Finding> findings)
    {
        var list = findings.ToList();
        return new FindingCounts(
            list.Count(f => f.Severity == Severity.Error),
            list.Count(f => f.Severity == Severity.Warning),
            list.Count(f => f.Severity == Severity.Info));
    }
}
