using NodePools.Placement.Planning;
using NodePools.Placement.Rendering;
using NodePools.Placement.Checks;
using NodePools.Placement.Verdicts;

namespace NodePools.Placement.Checks;

/// <summary>
/// acknowledgement-placeable: an acknowledged workload that a values path of the chart can place —
/// place it instead. acknowledgement-unmatched: an acknowledgement that names no rendered workload.
/// </summary>
internal static class AcknowledgementRule
{
    public static IEnumerable<Finding> Placeable(CheckInput input) => Find(input.Rendered!).Where(finding => finding.Rule == Rules.AcknowledgementPlaceable.Id);

    public static IEnumerable<Finding> Unmatched(CheckInput input) => Find(input.Rendered!).Where(finding => finding.Rule == Rules.AcknowledgementUnmatched.Id);

    private static IEnumerable<Finding> Find(RenderedEvaluation evaluation)
    {
        foreach (var workload in evaluation.Deployed.Where(w => w.Acknowledgement is not null && w.Placeable))
        {
            yield return new Finding(Severity.Error, Rules.AcknowledgementPlaceable.Id, workload.Subject,
                "is acknowledged as unplaceable, but a values path of the chart reaches it")
            {
                Fix = RenderedFacts.DeclareSlot(workload) + ", and remove the acknowledgement",
            };
        }
        foreach (var release in evaluation.Plan.Releases)
        {
            if (evaluation.Render.Release(release.Name) is not { Status: RenderStatus.Rendered } rendered)
                continue;
            // An acknowledgement may name a workload, or the custom resource an operator makes workloads from.
            var ids = rendered.Workloads.Select(w => w.Id).Concat(rendered.Workloads.Select(w => w.From).OfType<string>()).ToHashSet(StringComparer.Ordinal);
            foreach (var acknowledgement in release.Spec.Acknowledgements.Where(a => !ids.Contains(a.Workload)))
            {
                yield return new Finding(Severity.Warning, Rules.AcknowledgementUnmatched.Id, $"{release.Name} {acknowledgement.Workload}",
                    "is acknowledged, but the chart renders no such workload")
                {
                    Fix = $"remove it, or correct the name (rendered: {string.Join(", ", rendered.Workloads.Select(w => w.Id).Take(12))})",
                };
            }
        }
    }
}
