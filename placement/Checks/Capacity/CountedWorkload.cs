using NodePools.Placement.Verdicts;
using NodePools.Placement.Declaration;
using NodePools.Placement.Deployment;
using NodePools.Placement.Planning;
using NodePools.Placement.Rendering;
using NodePools.Placement.Scheduling;
using NodePools.Placement.Workloads;

namespace NodePools.Placement.Checks;

/// <summary>
/// One workload as the capacity check counts it: a DaemonSet (a pod on every node it fits) or so
/// many replicas, what each pod asks, where it can run, and the pools it belongs on (null: any).
/// </summary>
public sealed record CountedWorkload(string Name, bool DaemonSet, int Replicas, SchedulingPod Pod, IReadOnlyList<SlotVerdict> Verdicts, IReadOnlySet<string>? Home)
{
    /// <summary>Whether its install waits for its pods to be ready (a release without skipAwait; an add-on, until healthy).</summary>
    public bool Awaited { get; init; } = true;

    /// <summary>
    /// The pool its pods land on: of the pools it fits and belongs on (else of those it fits), the one
    /// kube-scheduler ranks first (preferred affinity, then fewest untolerated PreferNoSchedule taints),
    /// the first declared on a tie; null when it fits none (the pending rules report that).
    /// </summary>
    public string? Pool()
    {
        var fits = Verdicts.Where(v => v.Verdict.Schedulable).ToList();
        var home = fits.Where(v => Home?.Contains(v.Pool) ?? true).ToList();
        return (home.Count > 0 ? home : fits)
            .OrderByDescending(v => v.Verdict.PreferredScore).ThenBy(v => v.Verdict.UntoleratedPreferNoSchedule)
            .FirstOrDefault()?.Pool;
    }

    /// <summary>The pools whose nodes run one of its pods each (a DaemonSet's).</summary>
    public IEnumerable<string> NodePools => Verdicts.Where(v => v.Verdict.Schedulable).Select(v => v.Pool);
}

/// <summary>What lands on the pools, from the declaration, from what the charts render, and from EKS itself.</summary>
public static class CountedWorkloads
{
    /// <summary>The EKS add-ons' pods (<see cref="AddonPods"/>): they run whatever the releases are.</summary>
    public static IEnumerable<CountedWorkload> Addons(StackPlan plan) =>
        AddonPods.All.Select(addon =>
        {
            var pod = SchedulingPod.From(addon.Name, addon.DaemonSet ? WorkloadKinds.DaemonSet : "Deployment", addon.Spec, SchedulingOptions.Eks);
            return new CountedWorkload(addon.Name, addon.DaemonSet, addon.Replicas, pod, Evaluate(plan, pod), null);
        });

    /// <summary>
    /// The declared slots of these releases: replicas × requests as declared. Runtime pod templates
    /// (flyte-defaults, pod-template styles) describe pods made later, in numbers no declaration says.
    /// </summary>
    public static IEnumerable<CountedWorkload> Slots(StackVerdicts stack, IEnumerable<ReleasePlan> releases) =>
        releases.SelectMany(release => release.Slots
            .Where(slot => slot.Spec.Style == SlotStyle.Standard)
            .Select(slot => new CountedWorkload(slot.Id, slot.Spec.DaemonSet, slot.Spec.Replicas, slot.Pod, stack.Of(slot).Verdicts,
                new HashSet<string>(IntendedPools.Of(slot, stack.Plan), StringComparer.Ordinal)) { Awaited = !release.Spec.Install.SkipAwait }));

    /// <summary>
    /// The rendered workloads that keep pods running (Deployments, StatefulSets, ReplicaSets,
    /// DaemonSets, Pods, and those operators make) with their replicas; Jobs, CronJobs, hooks, helm test pods and runtime
    /// templates run to completion or later. Releases that did not render count by their declared slots.
    /// </summary>
    public static IEnumerable<CountedWorkload> Rendered(RenderedEvaluation evaluation, StackVerdicts stack)
    {
        var rendered = evaluation.Plan.Releases.Where(release => evaluation.Render.Release(release.Name) is { Status: RenderStatus.Rendered })
            .Select(release => release.Name).ToHashSet(StringComparer.Ordinal);
        return evaluation.Deployed
            .Where(w => (w.Workload.Origin is WorkloadOrigin.Object or WorkloadOrigin.Operator) && IsLongRunning(w.Workload.Id))
            .Select(w => new CountedWorkload(w.Subject, w.Workload.IsDaemonSet, w.Workload.Replicas, w.Pod, w.Verdicts, w.HomePools)
            {
                Awaited = !w.Release.Spec.Install.SkipAwait,
            })
            .Concat(Slots(stack, evaluation.Plan.Releases.Where(release => !rendered.Contains(release.Name))));
    }

    private static bool IsLongRunning(string id) =>
        id.Split('/')[0] is "Deployment" or "StatefulSet" or "ReplicaSet" or "ReplicationController" or "DaemonSet" or "Pod";

    private static IReadOnlyList<SlotVerdict> Evaluate(StackPlan plan, SchedulingPod pod) => PoolVerdicts.Evaluate(pod, plan.Pools);
}
