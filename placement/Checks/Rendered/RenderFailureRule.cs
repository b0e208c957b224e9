using NodePools.Placement.Planning;
using NodePools.Placement.Rendering;
using NodePools.Placement.Checks;
using NodePools.Placement.Verdicts;

namespace NodePools.Placement.Checks;

/// <summary>
/// values-rejected: the chart refuses the release's final values (helm's own message).
/// chart-unavailable: the chart could not be had, so the release was not checked.
/// render-unreadable: an object the chart rendered could not be read, so it was not checked.
/// </summary>
internal static class RenderFailureRule
{
    public static IEnumerable<Finding> Rejected(CheckInput input) => Find(input.Rendered!, input.RenderRequired).Where(finding => finding.Rule == Rules.ValuesRejected.Id);

    public static IEnumerable<Finding> Unavailable(CheckInput input) => Find(input.Rendered!, input.RenderRequired).Where(finding => finding.Rule == Rules.ChartUnavailable.Id);

    public static IEnumerable<Finding> Unreadable(CheckInput input) => Find(input.Rendered!, input.RenderRequired).Where(finding => finding.Rule == Rules.RenderUnreadable.Id);

    public static IEnumerable<Finding> MarkersRefused(CheckInput input) => Find(input.Rendered!, input.RenderRequired).Where(finding => finding.Rule == Rules.MarkersRefused.Id);

    private static IEnumerable<Finding> Find(RenderedEvaluation evaluation, bool required)
    {
        foreach (var release in evaluation.Render.Releases)
        {
            switch (release.Status)
            {
                case RenderStatus.Rejected:
                    yield return new Finding(Severity.Error, Rules.ValuesRejected.Id, release.Release, $"the chart refuses the values: {release.Message}")
                    {
                        Fix = "set what the chart asks for in the release's values (secrets as secure: values)",
                    };
                    break;
                case RenderStatus.Unavailable:
                    yield return new Finding(required ? Severity.Error : Severity.Warning, Rules.ChartUnavailable.Id, release.Release,
                        $"not checked against what it renders: {release.Message}")
                    {
                        Fix = "give --charts DIR a folder with the chart (helm pull --untar), or make its repository reachable",
                    };
                    break;
            }
            foreach (var problem in release.Problems)
                yield return new Finding(Severity.Warning, Rules.RenderUnreadable.Id, release.Release, $"not checked: {problem}");
            foreach (var render in new[] { release.Declared, release.Exposed })
            {
                if (render?.Failure is { } failure)
                    yield return new Finding(Severity.Info, Rules.MarkersRefused.Id, release.Release, $"{failure}; which values path reaches which workload is unknown for this release");
            }
        }
    }
}
