using NodePools.Placement.Planning;
using NodePools.Placement.Verdicts;

namespace NodePools.Placement.Checks;

/// <summary>
/// isolation-breach: a slot that requires a pool also fits another one. tainted-pool-reachable: a
/// slot that names no dedicated (tainted) pool can still land on one.
/// </summary>
internal static class IsolationRule
{
    public static IEnumerable<Finding> Breaches(CheckInput input) => Find(input.Stack).Where(finding => finding.Rule == Rules.IsolationBreach.Id);

    public static IEnumerable<Finding> ReachableTaintedPools(CheckInput input) => Find(input.Stack).Where(finding => finding.Rule == Rules.TaintedPoolReachable.Id);

    private static IEnumerable<Finding> Find(StackVerdicts plan)
    {
        foreach (var slot in plan.Slots)
        {
            var meant = IntendedPools.Of(slot.Plan, plan.Plan);
            foreach (var verdict in slot.Feasible.Where(v => !meant.Contains(v.Pool)))
            {
                var pool = plan.Pool(verdict.Pool);
                if (slot.Spec.Intent.IsRequired)
                {
                    var required = string.Join(" or ", slot.Spec.Intent.Pools);
                    yield return new Finding(Severity.Error, Rules.IsolationBreach.Id, slot.Id,
                        $"requires pool {required} but also fits pool {pool.Name}, which it was not meant for")
                    {
                        Fix = $"give pool {required} a label pool {pool.Name} does not have, or taint pool {pool.Name} so the slot cannot reach it",
                    };
                }
                else if (IntendedPools.IsDedicated(pool))
                {
                    yield return new Finding(Severity.Error, Rules.TaintedPoolReachable.Id, slot.Id,
                        $"names no intent for pool {pool.Name}, yet its tolerations admit it to that tainted pool, reserved for other workloads")
                    {
                        Fix = $"narrow the slot's extra tolerations, or say prefer: {pool.Name} if it belongs there",
                    };
                }
            }
        }
    }
}
