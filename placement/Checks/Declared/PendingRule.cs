using NodePools.Placement.Planning;
using NodePools.Placement.Verdicts;

namespace NodePools.Placement.Checks;

/// <summary>pending: a slot no pool can run stays Pending forever.</summary>
internal static class PendingRule
{
    public static IEnumerable<Finding> Check(CheckInput input) => Find(input.Stack);

    private static IEnumerable<Finding> Find(StackVerdicts plan) =>
        plan.Slots
            .Where(slot => !slot.Feasible.Any())
            .Select(slot => new Finding(Severity.Error, Rules.Pending.Id, slot.Id,
                $"fits no pool, so its pods would stay Pending forever: {string.Join(" | ", slot.Verdicts.Select(v => $"{v.Pool}: {PoolFacts.Why(v.Verdict)}"))}"));
}
