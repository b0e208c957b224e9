using NodePools.Placement.Planning;
using NodePools.Placement.Verdicts;

namespace NodePools.Placement.Checks;

/// <summary>
/// daemonset-not-tolerated: a DaemonSet must run on every node of the pools it serves (its intent's
/// pool or preferred pools, or every pool). A device plugin that does not tolerate its GPU pool's
/// taint starves every GPU pod of the resource.
/// </summary>
internal static class DaemonSetRule
{
    public static IEnumerable<Finding> Check(CheckInput input) => Find(input.Stack);

    private static IEnumerable<Finding> Find(StackVerdicts plan)
    {
        foreach (var slot in plan.Slots.Where(slot => slot.Spec.DaemonSet))
        {
            var intent = slot.Spec.Intent;
            var targets = intent.IsRequired ? intent.Pools.ToList()
                : intent.Prefer.Count > 0 ? intent.Prefer.Select(p => p.Pool).ToList()
                : plan.Pools.Select(p => p.Name).ToList();
            foreach (var verdict in slot.Verdicts.Where(v => targets.Contains(v.Pool) && !v.Verdict.Schedulable))
            {
                var missing = PoolFacts.MissingTolerations(slot, plan.Pool(verdict.Pool)).Select(toleration => toleration.ToString()).ToList();
                yield return new Finding(Severity.Error, Rules.DaemonSetNotTolerated.Id, slot.Id,
                    $"is a DaemonSet that must run on every node of pool {verdict.Pool}, but cannot: {PoolFacts.Why(verdict.Verdict)}")
                {
                    Fix = missing.Count > 0
                        ? $"add to the slot's intent tolerations: {string.Join(", ", missing)}"
                        : $"let its affinity select pool {verdict.Pool} (e.g. intent pool: {verdict.Pool})",
                };
            }
        }
    }
}
