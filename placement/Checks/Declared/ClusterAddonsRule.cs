using NodePools.Placement.Deployment;
using NodePools.Placement.Planning;
using NodePools.Placement.Verdicts;

namespace NodePools.Placement.Checks;

/// <summary>
/// coredns-unhosted: no pool admits the CoreDNS add-on (it tolerates only CriticalAddonsOnly), so the
/// add-on never becomes healthy, the update waits for it until it fails, and no pod resolves a name.
/// </summary>
internal static class ClusterAddonsRule
{
    public static IEnumerable<Finding> Check(CheckInput input) => Find(input.Stack);

    private static IEnumerable<Finding> Find(StackVerdicts plan)
    {
        if (plan.Pools.Count == 0 || ClusterAddonSettings.CoreDnsPools(plan.Plan).Count > 0)
            yield break;
        yield return new Finding(Severity.Error, Rules.CoreDnsUnhosted.Id, "cluster add-on coredns",
            "tolerates only CriticalAddonsOnly and the control-plane taint, and every pool has a blocking taint or too little room: "
            + "declare one pool without NoSchedule or NoExecute taints (a system pool of one small node) for the cluster's own add-ons");
    }
}
