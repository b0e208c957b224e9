using NodePools.Placement.Planning;
using NodePools.Placement.Rendering;
using NodePools.Placement.Checks;
using NodePools.Placement.Verdicts;

namespace NodePools.Placement.Checks;

/// <summary>
/// namespace-conflict: the chart renders the Namespace the release also creates; Helm refuses to
/// install an object another owner already has ("invalid ownership metadata").
/// </summary>
internal static class NamespaceConflictRule
{
    public static IEnumerable<Finding> Check(CheckInput input) => Find(input.Rendered!);

    private static IEnumerable<Finding> Find(RenderedEvaluation evaluation)
    {
        foreach (var release in evaluation.Plan.Releases)
        {
            if (evaluation.Render.Release(release.Name) is not { Status: RenderStatus.Rendered } rendered)
                continue;
            foreach (var ns in rendered.Objects.Where(o => o.Kind == "Namespace" && o.Name == release.Spec.Namespace))
            {
                yield return new Finding(Severity.Error, Rules.NamespaceConflict.Id, $"{release.Name} {ns.Id}",
                    $"the chart renders Namespace {ns.Name} ({ns.Source}), which the release also creates: the install fails on ownership metadata")
                {
                    Fix = "turn the chart's own namespace off in the release's values (e.g. namespace: {create: false})",
                };
            }
        }
    }
}
