using NodePools.Placement.Rendering;
using NodePools.Placement.Verdicts;

namespace NodePools.Placement.Checks;

/// <summary>
/// patch-unmatched: a patch that changes nothing the release installs — the chart renders no such
/// object (a warning: a renamed target, or one rendered only with other values), renders it only as
/// a Helm hook, which the post-renderer never receives (an error: the patch would never be
/// installed), or the patch's path runs through a value that is not a mapping or list (an error:
/// the post-renderer fails the install on it).
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
                if (!outcome.Unapplied || outcome.Problems.Count > 0)
                    continue;
                if (outcome.Hooks.Count > 0)
                {
                    yield return Rules.PatchUnmatched.Error(subject,
                        $"matches only the Helm hook {string.Join(", ", outcome.Hooks)}: Helm 3's post-renderer, which Pulumi's Release runs, never receives hooks, so the patch would never be installed") with
                    {
                        Fix = "change the hook through the chart's values instead; for its placement, a values path (nodepools slots) or an acknowledgement of the pool it runs on",
                    };
                    continue;
                }
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
