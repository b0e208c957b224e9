using NodePools.Placement.Planning;
using NodePools.Placement.Rendering;

namespace NodePools.Placement.Checks.Rendered;

/// <summary>
/// values-rejected: the chart refuses the release's final values (helm's own message).
/// chart-unavailable: the chart could not be had, so the release was not checked.
/// render-unreadable: an object the chart rendered could not be read, so it was not checked.
/// </summary>
internal static class RenderFailureRule
{
    public static IEnumerable<Finding> Check(RenderedEvaluation evaluation, bool required)
    {
        foreach (var release in evaluation.Render.Releases)
        {
            switch (release.Status)
            {
                case RenderStatus.Rejected:
                    yield return new Finding(Severity.Error, "values-rejected", release.Release, $"the chart refuses the values: {release.Message}")
                    {
                        Fix = "set what the chart asks for in the release's values (secrets as secure: values)",
                    };
                    break;
                case RenderStatus.Unavailable:
                    yield return new Finding(required ? Severity.Error : Severity.Warning, "chart-unavailable", release.Release,
                        $"not checked against what it renders: {release.Message}")
                    {
                        Fix = "give --charts DIR a folder with the chart (helm pull --untar), or make its repository reachable",
                    };
                    break;
            }
            foreach (var problem in release.Problems)
                yield return new Finding(Severity.Warning, "render-unreadable", release.Release, $"not checked: {problem}");
            foreach (var render in new[] { release.Declared, release.Exposed })
            {
                if (render?.Failure is { } failure)
                    yield return new Finding(Severity.Info, "markers-refused", release.Release, $"{failure}; which values path reaches which workload is unknown for this release");
            }
        }
    }
}
