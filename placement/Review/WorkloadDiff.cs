using NodePools.Placement.Checks;
using NodePools.Placement.Verdicts;

namespace NodePools.Placement.Review;

/// <summary>One rendered workload whose pools change: added, removed, or moved (e.g. system → dispatch).</summary>
public sealed record WorkloadChange(string Release, string Workload, string Kind, IReadOnlyList<string> Before, IReadOnlyList<string> After);

/// <summary>
/// Where each rendered workload can run before and after a change, from renders of the base and the
/// current stack. Only workloads whose pools change are listed; helm test pods are left out.
/// </summary>
public static class WorkloadDiff
{
    public static IReadOnlyList<WorkloadChange> Compare(RenderedEvaluation before, RenderedEvaluation after)
    {
        var then = before.Deployed.ToDictionary(Key, w => w.Fits.ToList());
        var now = after.Deployed.ToDictionary(Key, w => w.Fits.ToList());
        var changes = new List<WorkloadChange>();
        foreach (var (key, pools) in now)
        {
            if (!then.TryGetValue(key, out var old))
                changes.Add(new WorkloadChange(key.Release, key.Workload, "added", [], pools));
            else if (!old.SequenceEqual(pools))
                changes.Add(new WorkloadChange(key.Release, key.Workload, "moved", old, pools));
        }
        changes.AddRange(then.Where(pair => !now.ContainsKey(pair.Key))
            .Select(pair => new WorkloadChange(pair.Key.Release, pair.Key.Workload, "removed", pair.Value, [])));
        return changes.OrderBy(c => c.Release, StringComparer.Ordinal).ThenBy(c => c.Workload, StringComparer.Ordinal).ToList();
    }

    private static (string Release, string Workload) Key(WorkloadPlacement workload) => (workload.Release.Name, workload.Workload.Id);
}
