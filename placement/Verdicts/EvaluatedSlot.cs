using NodePools.Placement.Declaration;
using NodePools.Placement.Planning;
using NodePools.Placement.Scheduling;

namespace NodePools.Placement.Verdicts;

/// <summary>A declared slot and where its pod can and cannot run.</summary>
public sealed record EvaluatedSlot(SlotPlan Plan, IReadOnlyList<SlotVerdict> Verdicts)
{
    public string Id => Plan.Id;
    public SlotSpec Spec => Plan.Spec;
    public DerivedPlacement Placement => Plan.Placement;
    public SchedulingPod Pod => Plan.Pod;

    public IEnumerable<SlotVerdict> Feasible => Verdicts.Where(verdict => verdict.Verdict.Schedulable);
}
