using NodePools.Tests.Shared;
using NodePools.Placement.Planning;
using NodePools.Placement.Pipeline;

namespace NodePools.Placement.Tests.Pipeline;

/// <summary>The shipped stacks: every slot lands only on its pool, and the checks pass.</summary>
public class ExampleStackTests
{
    public static TheoryData<string> Stacks => ["dev", "prod"];

    private static StackAnalysis Plan(string stack) => StackPipeline.Check(StackPipeline.PlanFromDirectory(Repository.Root, stack));

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Every_slot_lands_only_on_the_pool_it_requires(string stack)
    {
        foreach (var slot in Plan(stack).Slots)
        {
            Assert.True(slot.Spec.Intent.IsRequired);
            Assert.Equal(slot.Spec.Intent.Pools, slot.Feasible.Select(v => v.Pool));
        }
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void The_checks_find_no_errors_or_warnings(string stack)
    {
        var plan = Plan(stack);
        Assert.Empty(plan.Findings);
        // The untainted add-on pool is where the workloads no chart value reaches are acknowledged to run.
        Assert.Contains(plan.Releases, release => release.Spec.Acknowledgements.Any(a => a.Pools.SequenceEqual(["system"])));
    }

    /// <summary>
    /// What the Union dataplane chart runs on the services pool at its pinned version, as the rendered
    /// check counts it with the real chart (NODEPOOLS_CHARTS): six services of 1 CPU each, and the
    /// leaseworker at what each stack asks (dev 500m, prod the chart's 4 CPUs).
    /// </summary>
    [Theory]
    [InlineData("dev", 500)]
    [InlineData("prod", 4000)]
    public void The_services_pool_holds_Unions_services_from_the_start(string stack, long leaseworker)
    {
        var plan = Plan(stack);
        var services = plan.Pool("services");
        IReadOnlyDictionary<string, long> Cpu(long millicores) => new Dictionary<string, long> { ["cpu"] = millicores };
        var agents = Placement.Checks.CountedWorkloads.Addons(plan.Plan).Where(w => w.DaemonSet && w.NodePools.Contains("services")).Select(w => w.Pod.Requests).ToList();
        var estimate = Placement.Checks.NodeEstimator.Estimate(
            [new("union services", 6, Cpu(1000), Cpu(1000)), new("union leaseworker", 1, Cpu(leaseworker), Cpu(leaseworker))],
            services.NodeTemplate.Allocatable!, agents);
        Assert.Equal(0, estimate.Unplaced);
        Assert.True(estimate.Nodes <= services.Spec.Scaling.Desired, $"{estimate.Nodes} {services.Spec.InstanceTypes[0]} nodes needed, {services.Spec.Scaling.Desired} at creation");
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void The_five_workload_pools_and_the_system_pool_are_declared(string stack) =>
        Assert.Equal(["system", "services", "worker", "gpu", "data-store", "dispatch"], Plan(stack).Pools.Select(p => p.Name));

    [Fact]
    public void Dev_is_cheap_and_prod_is_highly_available()
    {
        var dev = Plan("dev");
        var prod = Plan("prod");
        Assert.Equal("SPOT", dev.Pool("worker").Spec.CapacityType);
        Assert.Equal(0, dev.Pool("gpu").Spec.Scaling.Min);
        Assert.All(prod.Pools.Where(p => p.Name != "worker"), p => Assert.Equal("ON_DEMAND", p.Spec.CapacityType));
        Assert.All(prod.Pools.Where(p => p.Name is "services" or "data-store" or "dispatch" or "system"), p => Assert.True(p.Spec.Scaling.Min >= 2));
        // Zones are discovered in the account, not named: three with a NAT gateway each in prod, two sharing one in dev.
        Assert.Equal((3, "perZone"), (prod.Declaration.Cluster.ZoneCount, prod.Declaration.Cluster.NatGateways));
        Assert.Equal((2, "single"), (dev.Declaration.Cluster.ZoneCount, dev.Declaration.Cluster.NatGateways));
        Assert.Empty(prod.Declaration.Cluster.AvailabilityZones);
        // Prod protects the cluster and its stateful release; both limit who reaches the API.
        Assert.True(prod.Declaration.Cluster.Protect);
        Assert.True(prod.Releases.Single(r => r.Name == "postgresql").Spec.Install.Protect);
        Assert.All([dev, prod], plan => Assert.NotEmpty(plan.Declaration.Cluster.PublicAccessCidrs));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void The_seed_keys_carry_the_placement(string stack)
    {
        var plan = Plan(stack);
        var union = plan.Releases.Single(r => r.Name == "union").Values;
        Assert.Equal("services", (string?)union["scheduling"]!["tolerations"]![0]!["value"]);
        Assert.Equal("worker", (string?)union["config"]!["k8s"]!["plugins"]!["k8s"]!["default-tolerations"]![0]!["value"]);

        var tekton = plan.Releases.Single(r => r.Name == "tekton-pipeline").Values;
        Assert.Contains("effect: NoExecute", (string)tekton["configDefaults"]!["default-pod-template"]!);

        var plugin = plan.Releases.Single(r => r.Name == "nvidia-device-plugin");
        Assert.True(plugin.Slots.Single().Spec.DaemonSet);
        Assert.Equal("high-resource", (string?)plugin.Values["tolerations"]![0]!["value"]);

        var data = plan.Pool("data-store").Spec;
        Assert.True(data.Protect);
        // The Cluster Autoscaler runs (pools may scale), so it owns the desired size of the pools that may scale.
        Assert.True(plan.Declaration.AutoscalerRuns);
        Assert.Equal(data.Scaling.Min < data.Scaling.Max, NodePools.Placement.Deployment.NodeGroupSettings.IgnoresDesiredSize(data, plan.Declaration.AutoscalerRuns));
        Assert.Equal(1, data.Update.MaxUnavailable);
    }
}
