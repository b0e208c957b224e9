using NodePools.Placement.Declaration;
using NodePools.Placement.Patching;
using NodePools.Placement.Planning;
using NodePools.Placement.Rendering;
using NodePools.Placement.Scheduling;
using NodePools.Placement.Workloads;

namespace NodePools.Placement.Verdicts;

/// <summary>
/// One rendered workload against every pool: where it can run, where it belongs, and what placed it.
/// <see cref="HomePools"/> are the pools it belongs on: those of the patch that places it, else those of
/// the slots whose values reach it, else those of its acknowledgement, else those of its release's intent.
/// </summary>
public sealed record WorkloadPlacement(
    ReleasePlan Release,
    Workload Workload,
    SchedulingPod Pod,
    IReadOnlyList<SlotVerdict> Verdicts,
    IReadOnlyList<SlotPlan> ReachedBy,
    IReadOnlyList<Marker> DeclaredMarkers,
    IReadOnlyList<Marker> ExposedMarkers,
    AcknowledgementSpec? Acknowledgement,
    IReadOnlySet<string> HomePools)
{
    /// <summary>"release Kind/name", how findings name a workload; an operator's with the resource it comes from.</summary>
    public string Subject => Workload.From is { } from ? $"{Release.Name} {Workload.Id} (from {from})" : $"{Release.Name} {Workload.Id}";

    /// <summary>The release's patch whose intent placed this workload, if one did.</summary>
    public PatchSpec? PlacedByPatch { get; init; }

    public IEnumerable<string> Fits => Verdicts.Where(v => v.Verdict.Schedulable).Select(v => v.Pool);

    public IEnumerable<string> Strays => Fits.Where(pool => !HomePools.Contains(pool));

    /// <summary>
    /// The pools it fits as the chart renders it without the slots' placement (the chart's own defaults
    /// with the user's values), for DaemonSets a slot reaches; null where that was not rendered.
    /// </summary>
    public IReadOnlyList<string>? UnplacedFits { get; init; }

    /// <summary>Whether any values path of the chart reaches this workload.</summary>
    public bool Placeable => ExposedMarkers.Count > 0;

    /// <summary>The placement keys a slot's values reach this workload through.</summary>
    public IReadOnlySet<PlacementKey> KeysFrom(SlotPlan slot) =>
        DeclaredMarkers.Where(m => m.Target.Path == slot.Spec.Path && m.Target.Style == slot.Spec.Style).Select(m => m.Key).ToHashSet();

    /// <summary>The most specific values path the chart reads for this workload, and through which keys.</summary>
    public (PlacementTarget Target, IReadOnlyList<PlacementKey> Keys)? BestExposedPath =>
        ExposedMarkers.GroupBy(m => m.Target)
            .OrderByDescending(g => g.Select(m => m.Key).Distinct().Count())
            .ThenByDescending(g => g.Key.Path.Count(c => c == '.'))
            .Select(g => ((PlacementTarget, IReadOnlyList<PlacementKey>)?)(g.Key, g.Select(m => m.Key).Distinct().Order().ToList()))
            .FirstOrDefault();
}

/// <summary>Every rendered workload of a stack evaluated against every pool's node template (pure: no I/O).</summary>
public sealed record RenderedEvaluation(StackPlan Plan, StackRender Render, IReadOnlyList<WorkloadPlacement> Workloads)
{
    public static RenderedEvaluation Evaluate(StackPlan plan, StackRender render)
    {
        var workloads = new List<WorkloadPlacement>();
        foreach (var release in plan.Releases)
        {
            if (render.Release(release.Name) is not { Status: RenderStatus.Rendered } rendered)
                continue;
            foreach (var workload in rendered.Workloads)
            {
                var pod = SchedulingPod.From(workload.Id, workload.SchedulingKind, workload.Spec, SchedulingOptions.Eks);
                var verdicts = PoolVerdicts.Evaluate(pod, plan.Pools);
                var declared = rendered.Declared?.Reaching(workload.Id) ?? [];
                var reachedBy = release.Slots
                    .Where(slot => declared.Any(m => m.Target.Path == slot.Spec.Path && m.Target.Style == slot.Spec.Style))
                    .ToList();
                var acknowledgement = Acknowledgement(release, workload);
                // The last intent patch applied to it is the placement it was left with.
                var patch = rendered.Patches.Where(outcome => release.Spec.Patches[outcome.Index].Intent is not null && Places(outcome, release.Spec.Patches[outcome.Index], workload))
                    .Select(outcome => release.Spec.Patches[outcome.Index]).LastOrDefault();
                var home = patch is not null
                    ? IntendedPools.Of(patch.Intent!, plan, workload.IsDaemonSet).ToHashSet()
                    : HomePools(plan, release, workload, reachedBy, acknowledgement);
                workloads.Add(new WorkloadPlacement(release, workload, pod, verdicts, reachedBy, declared,
                    rendered.Exposed?.Reaching(workload.Id) ?? [], acknowledgement, home)
                {
                    UnplacedFits = workload.IsDaemonSet && reachedBy.Count > 0 ? UnplacedFits(plan, rendered, workload) : null,
                    PlacedByPatch = patch,
                });
            }
        }
        return new RenderedEvaluation(plan, render, workloads);
    }

    /// <summary>
    /// Whether a patch places the workload: it changed the workload's own object, or the custom resource an
    /// operator makes it from (with the patch after the release, for a hook) at a path that selects no
    /// entry or the workload's own (spec.workloads[name=activator] places activator, not webhook).
    /// </summary>
    private static bool Places(PatchOutcome outcome, PatchSpec patch, Workload workload)
    {
        if (outcome.Applied.Contains(workload.Id))
            return true;
        if (workload.From is not { } from || !(outcome.Applied.Contains(from) || outcome.HooksPatched.Contains(from)))
            return false;
        var name = workload.ClusterName.Name;
        return patch.Path.Steps.Where(step => step.SelectsEntry).All(step => step.Value == name);
    }

    /// <summary>Where the chart alone (no slot's placement) would run the same workload.</summary>
    private static IReadOnlyList<string>? UnplacedFits(StackPlan plan, ReleaseRender rendered, Workload workload) =>
        rendered.Unplaced?.FirstOrDefault(w => w.Id == workload.Id) is { } unplaced
            ? PoolVerdicts.Fitting(SchedulingPod.From(unplaced.Id, unplaced.SchedulingKind, unplaced.Spec, SchedulingOptions.Eks), plan.Pools)
            : null;

    /// <summary>The workloads findings are about: everything but helm test pods, which run only on demand.</summary>
    public IEnumerable<WorkloadPlacement> Deployed => Workloads.Where(w => w.Workload.Origin != WorkloadOrigin.Test);

    /// <summary>
    /// The acknowledgement naming the workload; one naming an operator's custom resource
    /// (KnativeServing/serving) covers every workload the operator makes from it.
    /// </summary>
    public static AcknowledgementSpec? Acknowledgement(ReleasePlan release, Workload workload) =>
        release.Spec.Acknowledgements.FirstOrDefault(a => a.Workload == workload.Id)
        ?? (workload.From is { } from ? release.Spec.Acknowledgements.FirstOrDefault(a => a.Workload == from) : null);

    /// <summary>
    /// A workload no slot reaches and none acknowledges is held to its release's intent: a services
    /// component must not pass because the release's log shipper also runs on worker. Only a release
    /// that states no pool lets its slots' pools together stand for it.
    /// </summary>
    private static IReadOnlySet<string> HomePools(StackPlan plan, ReleasePlan release, Workload workload, IReadOnlyList<SlotPlan> reachedBy,
        AcknowledgementSpec? acknowledgement)
    {
        if (reachedBy.Count > 0)
        {
            return reachedBy.SelectMany(slot => IntendedPools.Of(slot.Spec.Intent, plan, workload.IsDaemonSet)).ToHashSet();
        }
        if (acknowledgement is not null)
            return acknowledgement.Pools.ToHashSet();
        if (release.Spec.Intent.IsRequired || release.Spec.Intent.Prefer.Count > 0)
            return IntendedPools.Of(release.Spec.Intent, plan, workload.IsDaemonSet).ToHashSet();
        var intents = release.Slots.Select(slot => slot.Spec.Intent).ToList();
        return intents.Any(intent => intent.IsRequired || intent.Prefer.Count > 0)
            ? intents.SelectMany(intent => intent.Pools.Concat(intent.Prefer.Select(p => p.Pool))).ToHashSet()
            : IntendedPools.Of(new IntentSpec(), plan, workload.IsDaemonSet).ToHashSet();
    }
}
