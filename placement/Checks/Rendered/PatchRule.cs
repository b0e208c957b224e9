using NodePools.Placement.Rendering;
using NodePools.Placement.Verdicts;

namespace NodePools.Placement.Checks;

/// <summary>
/// patch-unmatched: a patch that changes nothing the release installs — the chart renders no such
/// object (a warning: a renamed target, or one rendered only with other values), the patch's path
/// runs through a value that is not a mapping or list (an error: the post-renderer fails the install
/// on it), or it matches a Helm hook the patch after the release cannot reach or express (an error:
/// a Job or Pod hook, a hook Helm deletes once run, a null deleting a rendered value).
/// </summary>
internal static class PatchRule
{
    public static IEnumerable<Finding> Check(CheckInput input) => Find(input.Rendered!);

    private static IEnumerable<Finding> Find(RenderedEvaluation evaluation)
    {
        foreach (var release in evaluation.Plan.Releases)
        {
            if (evaluation.Render.Release(release.Name) is not { Status: RenderStatus.Rendered } rendered)
                continue;
            foreach (var outcome in rendered.Patches)
            {
                var subject = $"{release.Name} patches[{outcome.Index}] {outcome.Patch.Target}";
                foreach (var problem in outcome.Problems)
                {
                    yield return Rules.PatchUnmatched.Error(subject, $"cannot be applied to {problem}, so the post-renderer would fail the install") with
                    {
                        Fix = "correct the patch's path, or patch the value that is there",
                    };
                }
                foreach (var problem in outcome.HookProblems)
                {
                    yield return Rules.PatchUnmatched.Error(subject, $"cannot be applied after the release to the Helm hook {problem}") with
                    {
                        Fix = "change the hook through the chart's values instead; for its placement, a values path (nodepools slots) or an acknowledgement of the pool it runs on",
                    };
                }
                if (!outcome.Unapplied || outcome.Problems.Count > 0 || outcome.HookProblems.Count > 0)
                    continue;
                var sameKind = rendered.Objects.Where(obj => obj.Kind == outcome.Patch.Target.Kind).Select(obj => obj.Id).Take(12).ToList();
                yield return Rules.PatchUnmatched.Warning(subject, "matches no object the chart renders, so it changes nothing") with
                {
                    Fix = sameKind.Count > 0
                        ? $"correct the target (rendered: {string.Join(", ", sameKind)}), or remove the patch"
                        : "correct the target's kind, name, apiVersion or namespace as the chart renders it, or remove the patch",
                };
            }
        }
    }
}
