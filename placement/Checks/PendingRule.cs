using NodePools.Placement.Planning;

namespace NodePools.Placement.Checks;

/// <summary>pending: a slot no pool can run stays Pending forever.</summary>
internal static class PendingRule
{
    public static IEnumerable<Finding> Check(StackPlan plan) =>
        plan.Slots
            .Where(slot => !slot.Feasible.Any())
            .Select(slot => new Finding(Severity.Error, "pending", slot.Id,
                $"fits no pool, so its pods would stay Pending forever: {string.Join(" | ", slot.Verdicts.Select(v => $"{v.Pool}: {PoolFacts.Why(v.Verdict)}"))}"));
}
