using NodePools.Placement.Checks;
using NodePools.Placement.Deployment;
using NodePools.Placement.Pipeline;
using NodePools.Placement.Scheduling;
using NodePools.Placement.Verdicts;

namespace NodePools.Placement.Tests.Deployment;

/// <summary>The EKS add-ons' pods: the EBS CSI controller placed on the system pool, every add-on pod evaluated like a release's.</summary>
public class AddonPlacementTests
{
    private const string NoExecute = "[{key: workload, value: dispatch, effect: NoExecute}]";
    private const string NoSchedule = "[{key: workload, value: gpu, effect: NoSchedule}]";

    public static TheoryData<string, string?, string[], string?> Stacks => new()
    {
        // pools; the add-on's configurationValues; where the controller can run; the addon-pod-placement finding (severity: start)
        { StackText.Pool("dispatch", NoExecute) + StackText.Pool("system", "[]"), """{"controller":{"tolerations":[{"key":"CriticalAddonsOnly","operator":"Exists"}],"nodeSelector":{"pool":"system"}}}""", ["system"], null },
        // No pool free of blocking taints: the defaults stay, and a NoExecute pool would evict it every 300 s.
        { StackText.Pool("dispatch", NoExecute) + StackText.Pool("gpu", NoSchedule), null, ["dispatch"], "Warning: can land on pool dispatch, whose taint workload=dispatch:NoExecute it tolerates for 300 s only" },
        { StackText.Pool("gpu", NoSchedule), null, [], "Error: fits no pool: gpu: node(s) had untolerated taint" },
    };

    [Theory]
    [MemberData(nameof(Stacks))]
    public void The_EBS_CSI_controller_goes_to_the_system_pool_and_is_evaluated_like_a_release(string pools, string? configuration, string[] fits, string? finding)
    {
        var analysis = StackText.Check("  node-pools:pools:\n" + pools);
        var system = AddonPlacement.SystemPool(analysis.Plan);
        Assert.Equal(configuration, AddonPlacement.EbsCsiConfigurationValues(system));

        var pod = SchedulingPod.From("kube-system/ebs-csi-controller", "Deployment", AddonPlacement.EbsCsiControllerOn(system), SchedulingOptions.Eks);
        Assert.Equal(fits, PoolVerdicts.Fitting(pod, analysis.Plan.Pools));
        var findings = analysis.Findings.Where(f => f.Rule == Rules.AddonPodPlacement.Id).Select(f => $"{f.Severity}: {f.Message}").ToList();
        if (finding is null)
            Assert.Empty(findings);
        else
            Assert.StartsWith(finding, Assert.Single(findings));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Unconfigured_the_controller_would_land_on_the_dispatch_pool_configured_only_on_system(string stack)
    {
        var plan = StackPipeline.PlanFromDirectory(NodePools.Tests.Shared.Repository.Root, stack);
        SchedulingPod Pod(NodePools.Placement.Kubernetes.PodSpec spec) => SchedulingPod.From("kube-system/ebs-csi-controller", "Deployment", spec, SchedulingOptions.Eks);
        Assert.Contains("dispatch", PoolVerdicts.Fitting(Pod(AddonPlacement.EbsCsiControllerDefault), plan.Pools));
        Assert.Equal(["system"], PoolVerdicts.Fitting(Pod(AddonPlacement.EbsCsiControllerOn(AddonPlacement.SystemPool(plan))), plan.Pools));
        Assert.DoesNotContain(StackPipeline.Check(plan).Findings, f => f.Rule == Rules.AddonPodPlacement.Id);
    }
}
