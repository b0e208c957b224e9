using NodePools.Placement.Models;
using NodePools.Placement.Rendering;
using NodePools.Placement.Verdicts;

namespace NodePools.Placement.Checks;

/// <summary>
/// operator-workload-unmodelled: the chart renders a custom resource whose operator makes pods
/// (Strimzi's Kafka, CloudNativePG's Cluster) that no model describes, so those pods are not checked.
/// A warning, never silence: the check would otherwise pass over pods that may land anywhere.
/// </summary>
internal static class UnmodelledOperatorRule
{
    public static IEnumerable<Finding> Check(CheckInput input) => Find(input.Rendered!);

    private static IEnumerable<Finding> Find(RenderedEvaluation evaluation)
    {
        foreach (var release in evaluation.Plan.Releases)
        {
            if (evaluation.Render.Release(release.Name) is not { Status: RenderStatus.Rendered } rendered)
                continue;
            foreach (var resource in rendered.Objects.Where(o => !o.IsTest))
            {
                if (WorkloadModels.Unmodelled(resource.Kind, resource.ApiVersion) is not { } kind)
                    continue;
                yield return Rules.OperatorWorkloadUnmodelled.Warning($"{release.Name} {resource.Id}",
                    $"the chart renders a {kind.Kind} ({resource.ApiVersion}, {resource.Source}): {kind.Operator} makes pods from it, "
                    + "and no model says which, so their placement is not checked") with
                {
                    Fix = $"set the {kind.Kind}'s own affinity and tolerations to the placement nodepools plan derives for its pool, "
                          + "and verify its pods in the cluster (nodepools explain --pods on kubectl get pods -o yaml)",
                };
            }
        }
    }
}
