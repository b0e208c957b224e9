using NodePools.Placement.Planning;
using NodePools.Placement.Rendering;
using NodePools.Placement.Declaration;
using NodePools.Placement.Checks;
using NodePools.Placement.Verdicts;

namespace NodePools.Placement.Checks;

/// <summary>
/// workload-off-pool: a rendered workload can run on a pool it does not belong on — the values its
/// chart reads never placed it, or placed it only partly (tolerations without affinity).
/// </summary>
internal static class OffPoolWorkloadRule
{
    public static IEnumerable<Finding> Check(CheckInput input) => Find(input.Rendered!);

    private static IEnumerable<Finding> Find(RenderedEvaluation evaluation)
    {
        foreach (var workload in evaluation.Deployed)
        {
            var strays = workload.Strays.ToList();
            if (strays.Count == 0)
                continue;
            yield return new Finding(Severity.Error, Rules.WorkloadOffPool.Id, workload.Subject,
                $"can run on pool {RenderedFacts.Pools(strays)}, outside the pools it belongs on ({RenderedFacts.Pools(workload.HomePools.Order())}); "
                + $"it fits {RenderedFacts.Pools(workload.Fits)}")
            {
                Fix = Fix(workload),
            };
        }
    }

    private static string Fix(WorkloadPlacement workload)
    {
        if (workload.PlacedByPatch is { } patch)
            return $"the patch of {patch.Target} at {patch.Path} places it, yet it still fits {RenderedFacts.Pools(workload.Strays)}: "
                   + "a later patch or the intent's extra tolerations admit it, or (with affinity: false) its nodeSelector does not keep it off";
        if (workload.Acknowledgement is { } acknowledgement)
            return $"its acknowledgement names {RenderedFacts.Pools(acknowledgement.Pools)}, but nothing in the chart keeps it there: "
                   + $"acknowledge the pools it can reach ({RenderedFacts.Pools(workload.Fits)}), or taint the others";
        foreach (var slot in workload.ReachedBy)
        {
            var keys = workload.KeysFrom(slot);
            if (!keys.Contains(PlacementKey.Affinity) && !slot.Spec.NodeSelector)
                return $"the chart reads only {RenderedFacts.Keys(keys)} at values path {SlotPath(slot)} for this workload: set nodeSelector: true on that slot";
        }
        if (workload.ReachedBy.Count > 0)
            return $"the slot at {string.Join(", ", workload.ReachedBy.Select(SlotPath))} reaches it, yet it still fits {RenderedFacts.Pools(workload.Strays)}: "
                   + "the chart changes what is written there (see placement-overridden), or the intent's extra tolerations admit it";
        return RenderedFacts.DeclareSlot(workload) ?? $"no values path of the chart reaches it: {RenderedFacts.Acknowledge(workload)}";
    }

    private static string SlotPath(SlotPlan slot) => slot.Spec.Path.Length == 0 ? "(root)" : slot.Spec.Path;
}
