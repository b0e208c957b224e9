using NodePools.Placement.Declaration;
using NodePools.Placement.Kubernetes;
using NodePools.Placement.Planning;
using NodePools.Placement.Facts;
using NodePools.Placement.Checks;
using NodePools.Placement.Verdicts;

namespace NodePools.Placement.Review;

/// <summary>How a pool field change reaches the node group.</summary>
public enum ChangeEffect
{
    /// <summary>Applied to the running node group (labels, taints, scaling, update config).</summary>
    InPlace,

    /// <summary>A new launch template version: EKS replaces every node in a rolling update.</summary>
    Rolling,

    /// <summary>The node group is destroyed and created again (ForceNew in the provider).</summary>
    Replace,
}

public sealed record FieldChange(string Field, string Before, string After, ChangeEffect Effect);

public sealed record PoolChange(string Pool, string Kind, IReadOnlyList<FieldChange> Fields);

public sealed record SlotChange(string Slot, string Kind, IReadOnlyList<string> Before, IReadOnlyList<string> After, bool PlacementChanged);

/// <summary>What changes between two versions of a stack, and the hazards of deploying it in one go.</summary>
public sealed record StackDiffResult(IReadOnlyList<PoolChange> Pools, IReadOnlyList<SlotChange> Slots, IReadOnlyList<Finding> Findings)
{
    public bool HasErrors => Findings.Any(f => f.Severity == Severity.Error);

    /// <summary>The order a version bump deploys in (<see cref="Review.UpgradeOrder"/>); empty without one.</summary>
    public IReadOnlyList<string> UpgradeOrder { get; init; } = [];
}

/// <summary>
/// Compares a base and a current plan of the same stack: per pool what changed and how it is
/// applied, per slot where it could run before and after, and the ordering hazards
/// (tolerations before taints, labels before affinity, replacements, shrinking stateful pools).
/// </summary>
public static class StackDiff
{
    public static StackDiffResult Compare(StackVerdicts before, StackVerdicts after)
    {
        var pools = PoolChanges(before, after);
        var slots = SlotChanges(before, after);
        var findings = Hazards.Find(before, after, pools)
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => f.Rule, StringComparer.Ordinal)
            .ThenBy(f => f.Subject, StringComparer.Ordinal)
            .ToList();
        return new StackDiffResult(pools, slots, findings) { UpgradeOrder = Review.UpgradeOrder.For(before.Plan, after.Plan) };
    }

    private static List<PoolChange> PoolChanges(StackVerdicts before, StackVerdicts after)
    {
        var changes = new List<PoolChange>();
        foreach (var pool in after.Pools.Where(p => before.Pools.All(b => b.Name != p.Name)))
            changes.Add(new PoolChange(pool.Name, "added", []));
        foreach (var pool in before.Pools.Where(p => after.Pools.All(a => a.Name != p.Name)))
            changes.Add(new PoolChange(pool.Name, "removed", []));
        foreach (var pool in after.Pools)
        {
            if (before.Pools.FirstOrDefault(b => b.Name == pool.Name) is not { } old)
                continue;
            var fields = Fields(old.Spec, pool.Spec).Where(f => f.Before != f.After).ToList();
            if (fields.Count > 0)
                changes.Add(new PoolChange(pool.Name, "changed", fields));
        }
        return changes;
    }

    /// <summary>Every pool setting, with how EKS applies a change to it (docs/design.md, EKS facts).</summary>
    private static IEnumerable<FieldChange> Fields(PoolSpec a, PoolSpec b)
    {
        yield return new("instanceTypes", string.Join(", ", a.InstanceTypes), string.Join(", ", b.InstanceTypes), ChangeEffect.Replace);
        yield return new("amiType", a.AmiType, b.AmiType, ChangeEffect.Replace);
        yield return new("capacityType", a.CapacityType, b.CapacityType, ChangeEffect.Replace);
        yield return new("subnetIds", string.Join(", ", a.SubnetIds), string.Join(", ", b.SubnetIds), ChangeEffect.Replace);
        yield return new("diskSize", a.DiskSize.ToString(), b.DiskSize.ToString(), ChangeEffect.Rolling);
        yield return new("labels", Text(a.Labels), Text(b.Labels), ChangeEffect.InPlace);
        yield return new("taints", Text(a.Taints), Text(b.Taints), ChangeEffect.InPlace);
        yield return new("scaling.min", a.Scaling.Min.ToString(), b.Scaling.Min.ToString(), ChangeEffect.InPlace);
        yield return new("scaling.desired", a.Scaling.Desired.ToString(), b.Scaling.Desired.ToString(), ChangeEffect.InPlace);
        yield return new("scaling.max", a.Scaling.Max.ToString(), b.Scaling.Max.ToString(), ChangeEffect.InPlace);
        yield return new("update", Text(a.Update), Text(b.Update), ChangeEffect.InPlace);
        yield return new("protect", a.Protect.ToString().ToLowerInvariant(), b.Protect.ToString().ToLowerInvariant(), ChangeEffect.InPlace);
    }

    private static List<SlotChange> SlotChanges(StackVerdicts before, StackVerdicts after)
    {
        var changes = new List<SlotChange>();
        var old = before.Slots.ToDictionary(s => s.Id);
        var current = after.Slots.ToDictionary(s => s.Id);
        foreach (var slot in after.Slots)
        {
            var now = slot.Feasible.Select(v => v.Pool).ToList();
            if (!old.TryGetValue(slot.Id, out var was))
            {
                changes.Add(new SlotChange(slot.Id, "added", [], now, true));
                continue;
            }
            var then = was.Feasible.Select(v => v.Pool).ToList();
            var placementChanged = !SamePlacement(was.Placement, slot.Placement);
            if (placementChanged || !then.SequenceEqual(now))
                changes.Add(new SlotChange(slot.Id, "changed", then, now, placementChanged));
        }
        changes.AddRange(before.Slots.Where(s => !current.ContainsKey(s.Id))
            .Select(s => new SlotChange(s.Id, "removed", s.Feasible.Select(v => v.Pool).ToList(), [], true)));
        return changes;
    }

    private static bool SamePlacement(DerivedPlacement a, DerivedPlacement b) =>
        PlacementJson.Affinity(a.Affinity)?.ToJsonString() == PlacementJson.Affinity(b.Affinity)?.ToJsonString()
        && PlacementJson.Tolerations(a.Tolerations).ToJsonString() == PlacementJson.Tolerations(b.Tolerations).ToJsonString()
        && PlacementJson.NodeSelector(a.NodeSelector)?.ToJsonString() == PlacementJson.NodeSelector(b.NodeSelector)?.ToJsonString();

    private static string Text(IReadOnlyDictionary<string, string> labels) =>
        string.Join(", ", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));

    private static string Text(IReadOnlyList<Taint> taints) =>
        string.Join(", ", taints);

    private static string Text(UpdateSpec update) =>
        update.MaxUnavailablePercentage is { } percentage ? $"maxUnavailable {percentage}%" : $"maxUnavailable {update.MaxUnavailable}";
}
