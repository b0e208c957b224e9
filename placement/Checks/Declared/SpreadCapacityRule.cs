using NodePools.Placement.Planning;
using NodePools.Placement.Verdicts;

namespace NodePools.Placement.Checks;

/// <summary>
/// spread-exceeds-max / spread-exceeds-min: with required hostname anti-affinity each replica needs
/// its own node; more replicas than the feasible pools' nodes leaves some Pending.
/// </summary>
internal static class SpreadCapacityRule
{
    public static IEnumerable<Finding> AboveMaximum(CheckInput input) => Find(input.Stack).Where(finding => finding.Rule == Rules.SpreadExceedsMax.Id);

    public static IEnumerable<Finding> AboveMinimum(CheckInput input) => Find(input.Stack).Where(finding => finding.Rule == Rules.SpreadExceedsMin.Id);

    private static IEnumerable<Finding> Find(StackVerdicts plan)
    {
        foreach (var slot in plan.Slots.Where(slot => slot.Spec.SpreadAcrossNodes && slot.Spec.Replicas > 1))
        {
            var pools = slot.Feasible.Select(v => plan.Pool(v.Pool).Spec).ToList();
            if (pools.Count == 0)
                continue; // already pending
            var max = pools.Sum(p => p.Scaling.Max);
            var min = pools.Sum(p => p.Scaling.Min);
            var names = string.Join(", ", pools.Select(p => p.Name));
            if (slot.Spec.Replicas > max)
            {
                yield return new Finding(Severity.Error, Rules.SpreadExceedsMax.Id, slot.Id,
                    $"runs {slot.Spec.Replicas} replicas, one per node, but {names} can grow to {max} node(s): {slot.Spec.Replicas - max} replica(s) would stay Pending")
                { Fix = $"raise scaling.max to at least {slot.Spec.Replicas}, or lower the replicas" };
            }
            else if (slot.Spec.Replicas > min)
            {
                yield return new Finding(Severity.Warning, Rules.SpreadExceedsMin.Id, slot.Id,
                    $"runs {slot.Spec.Replicas} replicas, one per node, but {names} may shrink to {min} node(s): replicas wait for a scale-up")
                { Fix = $"raise scaling.min to {slot.Spec.Replicas} to keep every replica scheduled" };
            }
        }
    }
}
