using NodePools.Placement.Declaration;
using NodePools.Placement.Planning;

namespace NodePools.Placement.Verdicts;

/// <summary>Every declared slot of a plan evaluated against every pool, in the plan's slot order.</summary>
public sealed record StackVerdicts(StackPlan Plan, IReadOnlyList<EvaluatedSlot> Slots)
{
    public static StackVerdicts Evaluate(StackPlan plan) =>
        new(plan, plan.Slots.Select(slot => new EvaluatedSlot(slot, PoolVerdicts.Evaluate(slot.Pod, plan.Pools))).ToList());

    public StackDeclaration Declaration => Plan.Declaration;
    public IReadOnlyList<PoolPlan> Pools => Plan.Pools;
    public IReadOnlyList<ReleasePlan> Releases => Plan.Releases;

    public PoolPlan Pool(string name) => Plan.Pool(name);

    /// <summary>The verdicts of one of the plan's slots.</summary>
    public EvaluatedSlot Of(SlotPlan slot) => Slots.First(evaluated => ReferenceEquals(evaluated.Plan, slot));
}
