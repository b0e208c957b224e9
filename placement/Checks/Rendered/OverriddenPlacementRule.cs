using System.Text.Json.Nodes;
using NodePools.Placement.Planning;
using NodePools.Placement.Rendering;
using NodePools.Placement.Declaration;
using NodePools.Placement.Checks;
using NodePools.Placement.Verdicts;

namespace NodePools.Placement.Checks;

/// <summary>
/// placement-overridden: the chart drops placement it was given — it writes a placement key twice
/// (the last one, its own, wins), or renders affinity or tolerations other than what the slot wrote.
/// </summary>
internal static class OverriddenPlacementRule
{
    public static IEnumerable<Finding> Check(CheckInput input) => Find(input.Rendered!);

    private static IEnumerable<Finding> Find(RenderedEvaluation evaluation)
    {
        foreach (var workload in evaluation.Deployed)
        {
            foreach (var duplicate in workload.Workload.PlacementDuplicates)
            {
                yield return new Finding(Severity.Error, Rules.PlacementOverridden.Id, workload.Subject,
                    $"the chart writes {duplicate.Key} twice in {duplicate.Path} ({workload.Workload.Source}): the last one wins, so the first is silently dropped")
                {
                    Fix = workload.ReachedBy.Count > 0
                        ? $"do not write affinity there: set affinity: false and nodeSelector: true on the slot at {string.Join(", ", workload.ReachedBy.Select(s => s.Spec.Path))}"
                        : "do not set that key in the values: the chart writes its own",
                };
            }
            foreach (var slot in workload.ReachedBy)
            {
                var keys = workload.KeysFrom(slot);
                if (keys.Contains(PlacementKey.Affinity) && slot.Placement.Affinity?.NodeAffinity is { } derived
                    && !JsonNode.DeepEquals(PlacementJson.Affinity(slot.Placement.Affinity)?["nodeAffinity"], workload.Workload.PlacementFields["affinity"]?["nodeAffinity"])
                    && workload.Workload.PlacementDuplicates.Count == 0)
                {
                    yield return new Finding(Severity.Error, Rules.PlacementOverridden.Id, workload.Subject,
                        $"renders a node affinity other than the one written at {slot.Spec.Path}: the chart changes or merges it")
                    {
                        Fix = "use nodeSelector: true on the slot, or a values path the chart passes through unchanged",
                    };
                }
                var tolerations = workload.Workload.PlacementFields["tolerations"] as JsonArray ?? [];
                var lost = PlacementJson.Tolerations(slot.Placement.Tolerations).Where(t => !tolerations.Any(r => JsonNode.DeepEquals(r, t))).ToList();
                if (keys.Contains(PlacementKey.Tolerations) && lost.Count > 0)
                {
                    yield return new Finding(Severity.Error, Rules.PlacementOverridden.Id, workload.Subject,
                        $"renders without {lost.Count} of the tolerations written at {slot.Spec.Path}: the chart replaces them")
                    {
                        Fix = "find the values path the chart takes this workload's tolerations from (nodepools slots)",
                    };
                }
            }
        }
    }
}
