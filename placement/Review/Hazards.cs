using NodePools.Placement.Deployment;
using NodePools.Placement.Kubernetes;
using NodePools.Placement.Planning;
using NodePools.Placement.Scheduling;
using NodePools.Placement.Checks;
using NodePools.Placement.Verdicts;

namespace NodePools.Placement.Review;

/// <summary>
/// The order-of-operations hazards of deploying a stack change in one go (the ArcGIS guide's
/// "labels before affinity, tolerations before taints"), and changes that replace or shrink nodes.
/// </summary>
internal static class Hazards
{
    public static IEnumerable<Finding> Find(StackVerdicts before, StackVerdicts after, IReadOnlyList<PoolChange> changes) =>
        TaintsBeforeTolerations(before, after)
            .Concat(AffinityBeforeLabels(before, after))
            .Concat(Replacements(after, changes))
            .Concat(ShrinkingProtectedPools(before, after))
            .Concat(MinimumAboveDesired(before, after));

    /// <summary>A new NoSchedule/NoExecute taint on a pool whose current pods do not tolerate it today.</summary>
    private static IEnumerable<Finding> TaintsBeforeTolerations(StackVerdicts before, StackVerdicts after)
    {
        foreach (var pool in after.Pools)
        {
            if (before.Pools.FirstOrDefault(p => p.Name == pool.Name) is not { } old)
                continue;
            var added = pool.Spec.Taints.Where(t => TaintToleration.BlocksScheduling(t) && !old.Spec.Taints.Contains(t)).ToList();
            foreach (var taint in added)
            {
                var running = before.Slots
                    .Where(slot => slot.Verdicts.Any(v => v.Pool == pool.Name && v.Verdict.Schedulable))
                    .Where(slot => !TaintToleration.AnyTolerates(slot.Pod.Tolerations, taint))
                    .Select(slot => slot.Id)
                    .ToList();
                if (running.Count == 0)
                    continue;
                var releases = running.Select(id => id.Split('/')[0]).Distinct().ToList();
                var evicts = taint.Effect == TaintEffects.NoExecute;
                yield return new Finding(evicts ? Severity.Error : Severity.Warning, Rules.TaintBeforeToleration.Id, $"pool {pool.Name}",
                    $"gains taint {taint}, which {string.Join(", ", running)} do not tolerate today: "
                    + (evicts
                        ? "NoExecute evicts their running pods the moment the taint lands"
                        : "their pods keep running, but any restart before the new tolerations roll out stays Pending"))
                {
                    Fix = $"tolerations before taints: deploy twice. First roll out {string.Join(", ", releases)} with a toleration for "
                          + $"{taint} (add it to their intent tolerations), then add the taint to pool {pool.Name}",
                };
            }
        }
    }

    /// <summary>A slot that now requires a label no pool carried in the base version.</summary>
    private static IEnumerable<Finding> AffinityBeforeLabels(StackVerdicts before, StackVerdicts after)
    {
        foreach (var slot in after.Slots)
        {
            if (!slot.Spec.Intent.IsRequired && slot.Placement.NodeSelector is null)
                continue;
            if (before.Pools.Any(pool => slot.Pod.Required.Matches(pool.NodeTemplate)))
                continue;
            var target = slot.Spec.Intent.IsRequired ? string.Join(" or ", slot.Spec.Intent.Pools) : "its pool";
            var existed = before.Pools.Any(p => p.Name == target);
            yield return new Finding(Severity.Warning, Rules.AffinityBeforeLabel.Id, slot.Id,
                $"requires labels that no node carries yet ({Labels(after, target)}): its pods stay Pending until "
                + (existed ? $"EKS has relabelled the nodes of pool {target}" : $"pool {target} has nodes"))
            {
                Fix = existed
                    ? $"labels before affinity: deploy the new labels of pool {target} first, then this release"
                    : $"labels before affinity: create pool {target} first, then this release (the release waits on the node group, but its pods wait for nodes)",
            };
        }
    }

    private static string Labels(StackVerdicts plan, string pool) =>
        plan.Pools.FirstOrDefault(p => p.Name == pool) is { } found
            ? string.Join(", ", found.Spec.Labels.Select(l => $"{l.Key}={l.Value}"))
            : pool;

    private static IEnumerable<Finding> Replacements(StackVerdicts after, IReadOnlyList<PoolChange> changes)
    {
        foreach (var change in changes.Where(c => c.Kind == "changed"))
        {
            var protectedPool = after.Pool(change.Pool).Spec.Protect;
            foreach (var field in change.Fields.Where(f => f.Effect == ChangeEffect.Replace))
            {
                yield return new Finding(protectedPool ? Severity.Error : Severity.Warning, Rules.PoolReplacement.Id, $"pool {change.Pool}",
                    $"{field.Field} changes ({field.Before} → {field.After}): the node group is replaced, every node terminated"
                    + (protectedPool ? "; the pool is protected (stateful), so the deployment would fail or lose data" : ""))
                {
                    Fix = protectedPool
                        ? "add a new pool with the new setting, move the workloads to it, then remove the old pool"
                        : "expect the pool's pods to be rescheduled; add the new pool beside the old one first if that is not acceptable",
                };
            }
        }
    }

    private static IEnumerable<Finding> ShrinkingProtectedPools(StackVerdicts before, StackVerdicts after)
    {
        foreach (var pool in after.Pools.Where(p => p.Spec.Protect))
        {
            if (before.Pools.FirstOrDefault(p => p.Name == pool.Name) is not { } old)
                continue;
            var (was, now) = (old.Spec.Scaling, pool.Spec.Scaling);
            if (now.Min < was.Min || (now.Desired < was.Desired && !NodeGroupSettings.IgnoresDesiredSize(pool.Spec, after.Declaration.AutoscalerRuns)))
            {
                yield return new Finding(Severity.Error, Rules.ProtectedPoolShrink.Id, $"pool {pool.Name}",
                    $"is protected (stateful) and its size is lowered (min {was.Min} → {now.Min}, desired {was.Desired} → {now.Desired}): "
                    + "EKS terminates nodes at once, ignoring PodDisruptionBudgets")
                {
                    Fix = "keep the size; drain and move the stateful workloads first if the pool must shrink",
                };
            }
        }
    }

    /// <summary>
    /// A minimum raised above the desired size the autoscaler owns: the deployment leaves the desired
    /// size as it is on the node group, and EKS refuses a minimum above it.
    /// </summary>
    private static IEnumerable<Finding> MinimumAboveDesired(StackVerdicts before, StackVerdicts after)
    {
        foreach (var pool in after.Pools)
        {
            if (before.Pools.FirstOrDefault(p => p.Name == pool.Name) is not { } old
                || !NodeGroupSettings.IgnoresDesiredSize(old.Spec, before.Declaration.AutoscalerRuns)
                || !NodeGroupSettings.IgnoresDesiredSize(pool.Spec, after.Declaration.AutoscalerRuns))
                continue;
            var (was, now) = (old.Spec.Scaling, pool.Spec.Scaling);
            if (now.Min <= was.Min || now.Min <= was.Desired)
                continue;
            yield return new Finding(Severity.Warning, Rules.MinAboveDesired.Id, $"pool {pool.Name}",
                $"min rises to {now.Min}, above the desired size of {was.Desired} the stack last set: the autoscaler owns the desired size, "
                + "the deployment sends the one it reads back from the node group, and EKS refuses a minimum above it")
            {
                Fix = $"raise the node group's desired size to at least {now.Min} first (aws eks update-nodegroup-config --cluster-name {after.Declaration.Cluster.Name} "
                      + $"--nodegroup-name <the {pool.Name} node group> --scaling-config minSize={was.Min},maxSize={Math.Max(now.Max, was.Max)},desiredSize={now.Min}), then deploy: "
                      + "the deployment refreshes first (the driver's up, refresh: true in CI), so it reads that size back instead of sending the one in its state",
            };
        }
    }
}
