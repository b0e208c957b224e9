using NodePools.Placement.Planning;
using NodePools.Placement.Rendering;
using NodePools.Placement.Checks;
using NodePools.Placement.Verdicts;

namespace NodePools.Placement.Checks;

/// <summary>slot-unread: a declared slot's values path reaches no rendered workload: the chart does not read it (a typo, or another chart version).</summary>
internal static class UnreadSlotRule
{
    public static IEnumerable<Finding> Check(CheckInput input) => Find(input.Rendered!);

    private static IEnumerable<Finding> Find(RenderedEvaluation evaluation)
    {
        foreach (var release in evaluation.Plan.Releases)
        {
            if (evaluation.Render.Release(release.Name) is not { Status: RenderStatus.Rendered, Declared: { Succeeded: true } declared })
                continue;
            var reached = declared.Reach.Values.SelectMany(markers => markers).Select(m => (m.Target.Path, m.Target.Style)).ToHashSet();
            foreach (var slot in release.Slots.Where(slot => !reached.Contains((slot.Spec.Path, slot.Spec.Style))))
            {
                yield return new Finding(Severity.Warning, Rules.SlotUnread.Id, slot.Id,
                    $"no workload the chart renders reads values path {(slot.Spec.Path.Length == 0 ? "(root)" : slot.Spec.Path)}: this slot places nothing")
                {
                    Fix = $"check the path against chart {release.Spec.Chart} {release.Spec.Version}'s values (nodepools slots {evaluation.Plan.Declaration.Stack} {release.Name} lists the paths it reads)",
                };
            }
        }
    }
}
