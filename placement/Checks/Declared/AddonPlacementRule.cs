using NodePools.Placement.Deployment;
using NodePools.Placement.Kubernetes;
using NodePools.Placement.Scheduling;
using NodePools.Placement.Verdicts;

namespace NodePools.Placement.Checks;

/// <summary>
/// addon-pod-placement: the EKS add-ons' pods (<see cref="AddonPods"/>), as the stack configures the
/// add-ons, through the same verdict step as the releases. A pod that fits no pool never runs (CoreDNS
/// has its own rule, coredns-unhosted); a pod that fits a pool whose NoExecute taint it tolerates only
/// for tolerationSeconds lands there and is evicted when they run out, again and again.
/// </summary>
internal static class AddonPlacementRule
{
    public static IEnumerable<Finding> Check(CheckInput input)
    {
        var plan = input.Stack.Plan;
        if (plan.Pools.Count == 0)
            yield break;
        foreach (var addon in AddonPlacement.All(plan))
        {
            var pod = SchedulingPod.From($"kube-system/{addon.Workload}", "Deployment", addon.Pod, SchedulingOptions.Eks);
            var verdicts = PoolVerdicts.Evaluate(pod, plan.Pools);
            var fits = verdicts.Where(v => v.Verdict.Schedulable).Select(v => v.Pool).ToList();
            if (fits.Count == 0 && addon.Addon != ClusterAddonSettings.CoreDns)
            {
                yield return new Finding(Severity.Error, Rules.AddonPodPlacement.Id, $"add-on {addon.Addon} {addon.Workload}",
                    "fits no pool: " + string.Join("; ", verdicts.Select(v => $"{v.Pool}: {string.Join(", ", v.Verdict.AllReasons())}")))
                {
                    Fix = "declare one pool without NoSchedule or NoExecute taints (a system pool) for the cluster's own add-ons",
                };
            }
            foreach (var pool in plan.Pools.Where(p => fits.Contains(p.Name)))
            {
                foreach (var taint in pool.Spec.Taints.Where(t => t.Effect == TaintEffects.NoExecute))
                {
                    var tolerating = (addon.Pod.Tolerations ?? []).Where(t => TaintToleration.Tolerates(t, taint)).ToList();
                    if (tolerating.Count > 0 && tolerating.All(t => t.TolerationSeconds is not null))
                    {
                        yield return new Finding(Severity.Warning, Rules.AddonPodPlacement.Id, $"add-on {addon.Addon} {addon.Workload}",
                            $"can land on pool {pool.Name}, whose taint {taint} it tolerates for {tolerating.Max(t => t.TolerationSeconds)} s only: it is evicted then, and again wherever it lands next")
                        {
                            Fix = "declare one pool without NoSchedule or NoExecute taints: the stack then places the add-on's pods there",
                        };
                    }
                }
            }
        }
    }
}
