using NodePools.Placement.Kubernetes;

namespace NodePools.Placement.Scheduling;

/// <summary>The filters that refused a pod on a node, in kube-scheduler's plugin order.</summary>
[Flags]
public enum FilterFailures
{
    None = 0,
    NodeUnschedulable = 1,
    NodeName = 2,
    TaintToleration = 4,
    NodeAffinity = 8,
    NodeResourcesFit = 16,
}

/// <summary>
/// One filter plugin's refusal: which filter, its words as kube-scheduler reports them, and what it
/// refused on (the untolerated taint, as <c>{key: value}</c>) where that is more than the words.
/// </summary>
public readonly record struct Refusal(FilterFailures Filter, string Reason, string? Subject = null);

/// <summary>One pod on one node: whether it fits, and how the scheduler would rank the node.</summary>
public readonly record struct PairVerdict(
    FilterFailures Failures,
    Taint? UntoleratedTaint,
    int PreferredScore,
    int UntoleratedPreferNoSchedule,
    IReadOnlyList<string>? InsufficientResources = null)
{
    public bool Schedulable => Failures == FilterFailures.None;

    /// <summary>
    /// What kube-scheduler reports for this node: the reasons of the first filter plugin that
    /// refused the pod (it stops there), in its own words.
    /// </summary>
    public IReadOnlyList<string> Reasons() => ByFilter().FirstOrDefault() is { } first ? [.. first.Select(refusal => refusal.Reason)] : [];

    /// <summary>Every filter that refused, in plugin order: what would have to change for the pod to fit.</summary>
    public IReadOnlyList<string> AllReasons() => [.. AllRefusals().Select(refusal => refusal.Reason)];

    /// <summary>Every refusal, typed, in plugin order.</summary>
    public IReadOnlyList<Refusal> AllRefusals() => [.. ByFilter().SelectMany(refusals => refusals)];

    /// <summary>Each refusing plugin's refusals, in plugin order (NodeResourcesFit may give several).</summary>
    private IEnumerable<IReadOnlyList<Refusal>> ByFilter()
    {
        if (Failures.HasFlag(FilterFailures.NodeUnschedulable))
            yield return [new Refusal(FilterFailures.NodeUnschedulable, Scheduler.NodeUnschedulableReason)];
        if (Failures.HasFlag(FilterFailures.NodeName))
            yield return [new Refusal(FilterFailures.NodeName, Scheduler.NodeNameReason)];
        if (Failures.HasFlag(FilterFailures.TaintToleration) && UntoleratedTaint is { } taint)
            yield return [new Refusal(FilterFailures.TaintToleration, TaintToleration.Reason(taint), TaintToleration.Describe(taint))];
        if (Failures.HasFlag(FilterFailures.NodeAffinity))
            yield return [new Refusal(FilterFailures.NodeAffinity, Scheduler.NodeAffinityReason)];
        if (Failures.HasFlag(FilterFailures.NodeResourcesFit) && InsufficientResources is { Count: > 0 } insufficient)
            yield return [.. insufficient.Select(reason => new Refusal(FilterFailures.NodeResourcesFit, reason))];
    }
}

/// <summary>
/// kube-scheduler's node filters that depend only on the pod and the node (NodeUnschedulable,
/// NodeName, TaintToleration, NodeAffinity, and NodeResourcesFit on an empty node that states its
/// allocatable) and the two node-level scores (preferred node affinity, untolerated PreferNoSchedule
/// taints). Pure, and allocation-free per pair unless resources fall short.
/// </summary>
public static class Scheduler
{
    public const string NodeUnschedulableReason = "node(s) were unschedulable";
    public const string NodeNameReason = "node(s) didn't match the requested node name";
    public const string NodeAffinityReason = "node(s) didn't match Pod's node affinity/selector";

    private static readonly Taint UnschedulableTaint = new() { Key = WellKnownLabels.UnschedulableTaintKey, Effect = TaintEffects.NoSchedule };

    public static PairVerdict Evaluate(SchedulingPod pod, SchedulingNode node)
    {
        var failures = FilterFailures.None;
        if (node.Unschedulable && !TaintToleration.AnyTolerates(pod.Tolerations, UnschedulableTaint))
            failures |= FilterFailures.NodeUnschedulable;
        if (pod.NodeName.Length > 0 && !string.Equals(pod.NodeName, node.Name, StringComparison.Ordinal))
            failures |= FilterFailures.NodeName;
        var untolerated = TaintToleration.FirstUntoleratedBlockingTaint(node.Taints, pod.Tolerations);
        if (untolerated is not null)
            failures |= FilterFailures.TaintToleration;
        if (!pod.Required.Matches(node))
            failures |= FilterFailures.NodeAffinity;
        IReadOnlyList<string>? insufficient = null;
        if (node.Allocatable is { } allocatable)
        {
            insufficient = ResourceFit.Insufficient(pod.Requests, allocatable);
            if (insufficient.Count > 0)
                failures |= FilterFailures.NodeResourcesFit;
        }

        return new PairVerdict(
            failures,
            untolerated,
            pod.Preferred.Score(node),
            TaintToleration.CountUntoleratedPreferNoSchedule(node.Taints, pod.Tolerations),
            insufficient);
    }
}
