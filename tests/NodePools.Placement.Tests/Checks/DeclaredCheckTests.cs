using NodePools.Placement.Planning;
using static NodePools.Placement.Tests.StackText;
using NodePools.Placement.Checks;
using NodePools.Placement.Pipeline;

namespace NodePools.Placement.Tests.Checks;

/// <summary>Each finding, from a small stack built to trigger it, and its absence where the stack is right.</summary>
public class DeclaredCheckTests
{
    private static StackAnalysis WithSlots(string slots, string pools = BasePools, string cluster = NoAutoscaler) => Check(pools + "\n" + Releases("""
        r:
          chart: c
          repository: https://example.com/charts
          version: 1.0.0
          namespace: ns
          slots:
        """ + "\n" + Indent(slots, 2)), cluster);

    private static Finding Single(StackAnalysis plan, string rule) => Assert.Single(plan.Findings, f => f.Rule == rule);

    private static void None(StackAnalysis plan, string rule) => Assert.DoesNotContain(plan.Findings, f => f.Rule == rule);

    [Fact]
    public void A_correct_stack_has_no_error_findings()
    {
        // The GPU pool starts empty: the Cluster Autoscaler adds its first node for the waiting pods.
        var plan = WithSlots("- path: a\n  intent: {pool: gpu}\n- path: b\n  intent: {pool: services}", cluster: "autoscaler: {pool: system}");
        Assert.False(plan.HasErrors, string.Join("\n", plan.Findings));
    }

    /// <summary>The base pools without the untainted system pool: every pool has a blocking taint.</summary>
    private static readonly string EveryPoolTainted = BasePools[..BasePools.IndexOf("    system:", StringComparison.Ordinal)];

    [Theory]
    [InlineData("every pool tainted, the autoscaler left to choose", "autoscaler: {}", "{min: 1, desired: 1, max: 3}", true)]
    [InlineData("every pool tainted, its pool named", "autoscaler: {pool: services}", "{min: 1, desired: 1, max: 3}", false)]
    [InlineData("every pool tainted, no autoscaler", NoAutoscaler, "{min: 1, desired: 1, max: 3}", false)]
    [InlineData("every pool tainted, no pool may scale", "autoscaler: {}", "{min: 1, desired: 1, max: 1}", false)]
    public void An_autoscaler_with_no_pool_to_run_on_is_an_error_reported_with_the_others(string why, string cluster, string servicesScaling, bool unhosted)
    {
        var pools = EveryPoolTainted.Replace("{min: 1, desired: 1, max: 3}", servicesScaling).Replace("{min: 0, desired: 0, max: 2}", "{min: 1, desired: 1, max: 1}");
        var plan = Check(pools, cluster);
        var findings = plan.Findings.Where(f => f.Rule == "autoscaler-unhosted").ToList();
        Assert.True(unhosted == (findings.Count == 1), $"{why}: {string.Join("; ", plan.Findings)}");
        // CoreDNS has no home either, and says so beside it.
        Single(plan, "coredns-unhosted");
        if (!unhosted)
            return;
        Assert.Equal((Severity.Error, "cluster-autoscaler"), (findings[0].Severity, findings[0].Subject));
        Assert.Contains("autoscaler: {pool: NAME}", findings[0].Fix);
        Assert.False(plan.Declaration.AutoscalerRuns);
    }

    /// <summary>The base pools with the services pool's instance type and scaling replaced, and release r's slots on it.</summary>
    private static StackAnalysis OnServices(string instanceType, string scaling, string slots, string cluster, string install = "") =>
        Check(BasePools.Replace("instanceTypes: [m6i.large]\n      scaling: {min: 1, desired: 1, max: 3}", $"instanceTypes: [{instanceType}]\n      scaling: {scaling}", StringComparison.Ordinal)
             + "\n" + Releases($"r:\n  chart: c\n  repository: https://example.com/charts\n  version: 1.0.0\n  namespace: ns\n  intent: {{pool: services}}\n{install}  slots:\n" + Indent(slots, 4)), cluster);

    private const string SixOneCpuReplicas = "- {path: api, replicas: 6, requests: {cpu: \"1\"}}";
    private const string WithAutoscaler = "autoscaler: {pool: system}";

    public static TheoryData<string, string, string, string, string, string, Severity?, string> Capacities => new()
    {
        // why, instance type, scaling, slots, cluster, install options → the pool-capacity finding's severity (none: null) and what it says
        { "six 1-CPU pods need six m6i.large, max is 3", "m6i.large", "{min: 1, desired: 1, max: 3}", SixOneCpuReplicas, WithAutoscaler, "", Severity.Error, "need 6 m6i.large node(s), and the pool may grow to 3" },
        { "max 8 holds them, but the pool starts with one", "m6i.large", "{min: 1, desired: 1, max: 8}", SixOneCpuReplicas, WithAutoscaler, "", Severity.Warning, "the Cluster Autoscaler adds 5 at install" },
        { "created with six nodes", "m6i.large", "{min: 1, desired: 6, max: 8}", SixOneCpuReplicas, WithAutoscaler, "", null, "" },
        { "no autoscaler: the desired size is all there is", "m6i.large", "{min: 1, desired: 3, max: 3}", SixOneCpuReplicas, NoAutoscaler, "", Severity.Error, "the pool has 3 that nothing scales" },
        { "a release that does not wait, on a pool that scales from zero", "m6i.large", "{min: 0, desired: 0, max: 8}", SixOneCpuReplicas, WithAutoscaler, "  skipAwait: true\n", null, "" },
        { "m6i.xlarge holds three per node: two nodes", "m6i.xlarge", "{min: 1, desired: 2, max: 3}", SixOneCpuReplicas, WithAutoscaler, "", null, "" },
        { "an 800m DaemonSet leaves room for two per m6i.xlarge: three nodes", "m6i.xlarge", "{min: 1, desired: 2, max: 3}",
            SixOneCpuReplicas + "\n- {path: agent, daemonSet: true, requests: {cpu: 800m}}", WithAutoscaler, "", Severity.Warning, "need 3 m6i.xlarge node(s)" },
        { "a pod that fits an empty node but not beside a 1,500m DaemonSet", "m6i.large", "{min: 1, desired: 1, max: 3}",
            "- {path: api, requests: {cpu: 500m}}\n- {path: agent, daemonSet: true, requests: {cpu: 1500m}}", WithAutoscaler, "", Severity.Error, "1 pod(s) fit no m6i.large node" },
    };

    [Theory]
    [MemberData(nameof(Capacities))]
    public void A_pool_must_hold_what_lands_on_it_as_the_autoscaler_packs_it(string why, string instanceType, string scaling, string slots, string cluster, string install,
        Severity? severity, string says)
    {
        var plan = OnServices(instanceType, scaling, slots, cluster, install);
        var findings = plan.Findings.Where(f => f.Rule == "pool-capacity").ToList();
        if (severity is null)
        {
            Assert.True(findings.Count == 0, $"{why}: {string.Join("; ", findings)}");
            return;
        }
        var finding = Assert.Single(findings);
        Assert.Equal((severity, "pool services"), (finding.Severity, finding.Subject));
        Assert.Contains(says, finding.Message);
        Assert.NotNull(finding.Fix);
    }

    [Theory]
    [InlineData("the GPU pool starts empty and nothing scales it", "gpu", "", NoAutoscaler, "{min: 0, desired: 0, max: 2}", true)]
    [InlineData("the release does not wait", "gpu", "skipAwait: true", NoAutoscaler, "{min: 0, desired: 0, max: 2}", false)]
    [InlineData("the autoscaler adds the first node", "gpu", "", "autoscaler: {pool: system}", "{min: 0, desired: 0, max: 2}", false)]
    [InlineData("the pool starts with a node", "gpu", "", NoAutoscaler, "{min: 0, desired: 1, max: 2}", false)]
    [InlineData("the slot runs on a pool with nodes", "services", "", NoAutoscaler, "{min: 0, desired: 0, max: 2}", false)]
    public void A_release_that_waits_for_pods_no_node_will_ever_host_is_an_error(string why, string pool, string release, string cluster, string gpuScaling, bool refused)
    {
        var pools = BasePools.Replace("{min: 0, desired: 0, max: 2}", gpuScaling);
        var plan = WithSlots($"- path: a\n  intent: {{pool: {pool}}}", pools, cluster);
        if (release.Length > 0)
            plan = Check(pools + "\n" + Releases($$$"""
                r:
                  chart: c
                  repository: https://example.com/charts
                  version: 1.0.0
                  namespace: ns
                  {{{release}}}
                  slots: [{path: a, intent: {pool: {{{pool}}} }}]
                """), cluster);
        var findings = plan.Findings.Where(f => f.Rule == "waits-on-empty-pool").ToList();
        Assert.True(refused == (findings.Count == 1), $"{why}: {string.Join("; ", plan.Findings)}");
        if (refused)
        {
            Assert.Equal(Severity.Error, findings[0].Severity);
            Assert.Equal("r/a", findings[0].Subject);
            Assert.Contains("skipAwait: true", findings[0].Fix);
        }
    }

    [Fact]
    public void Pending_when_no_pool_fits()
    {
        // Requires the GPU pool's label but tolerates only the services taint.
        var plan = WithSlots("- path: a\n  intent: {prefer: services, tolerations: []}\n  nodeSelector: false",
            BasePools.Replace("    system:\n      instanceTypes: [m6i.large]\n      scaling: {min: 1, desired: 2, max: 3}\n      labels: {role: system}", ""));
        None(plan, "pending");

        var pending = WithSlots("- path: a\n  intent: {tolerations: [{key: other, operator: Exists}]}",
            BasePools.Replace("      labels: {role: system}", "      labels: {role: system}\n      taints: [{key: system, value: \"true\", effect: NoSchedule}]"));
        var finding = Single(pending, "pending");
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Equal("r/a", finding.Subject);
        Assert.Contains("gpu: node(s) had untolerated taint {workload: high-resource}", finding.Message);
    }

    [Fact]
    public void Isolation_breach_when_a_required_slot_also_fits_another_pool()
    {
        // Two pools share the label the slot requires; the second is untainted.
        var pools = BasePools + "\n    lookalike:\n      instanceTypes: [m6i.large]\n      scaling: {min: 1, max: 2}\n      labels: {gpu: \"true\"}";
        var finding = Single(WithSlots("- path: a\n  intent: {pool: gpu}", pools), "isolation-breach");
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Contains("requires pool gpu but also fits pool lookalike", finding.Message);
        Assert.Equal("give pool gpu a label pool lookalike does not have, or taint pool lookalike so the slot cannot reach it", finding.Fix);
    }

    [Fact]
    public void A_tainted_pool_reachable_through_a_broad_toleration()
    {
        var everything = WithSlots("- path: a\n  intent: {tolerations: [{operator: Exists}]}").Findings.Where(f => f.Rule == "tainted-pool-reachable").ToList();
        Assert.Equal(2, everything.Count); // the services and GPU pools
        Assert.All(everything, f => Assert.Equal(Severity.Error, f.Severity));
        Assert.Contains("pool gpu", Single(WithSlots("- path: a\n  intent: {tolerations: [{key: workload, operator: Exists}]}"), "tainted-pool-reachable").Message);
    }

    [Fact]
    public void A_slot_that_prefers_a_tainted_pool_may_land_there()
    {
        var plan = WithSlots("- path: a\n  intent: {prefer: gpu}");
        None(plan, "tainted-pool-reachable");
        None(plan, "isolation-breach");
    }

    [Fact]
    public void A_DaemonSet_that_does_not_tolerate_its_pool_gets_the_derived_fix()
    {
        // A cluster-wide agent (no pool) must run everywhere; the GPU and services taints keep it off.
        var plan = WithSlots("- path: agent\n  daemonSet: true\n  intent: {tolerations: [{key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}]}");
        var findings = plan.Findings.Where(f => f.Rule == "daemonset-not-tolerated").ToList();
        Assert.Equal(2, findings.Count);
        var gpu = Assert.Single(findings, f => f.Message.Contains("pool gpu"));
        Assert.Equal("add to the slot's intent tolerations: {key: workload, operator: Equal, value: \"high-resource\", effect: NoSchedule}", gpu.Fix);
    }

    [Fact]
    public void The_device_plugin_placed_by_intent_tolerates_its_GPU_pool()
    {
        var plan = WithSlots("- path: .\n  daemonSet: true\n  intent: {pool: gpu}");
        None(plan, "daemonset-not-tolerated");
    }

    [Fact]
    public void Spread_replicas_above_the_pools_max_is_an_error_above_min_a_warning()
    {
        var error = Single(WithSlots("- path: a\n  intent: {pool: gpu}\n  replicas: 3\n  spreadAcrossNodes: true\n  podLabels: {app: x}"), "spread-exceeds-max");
        Assert.Equal(Severity.Error, error.Severity);
        Assert.Contains("can grow to 2 node(s): 1 replica(s) would stay Pending", error.Message);

        var warning = Single(WithSlots("- path: a\n  intent: {pool: gpu}\n  replicas: 2\n  spreadAcrossNodes: true\n  podLabels: {app: x}"), "spread-exceeds-min");
        Assert.Equal(Severity.Warning, warning.Severity);

        var fine = WithSlots("- path: a\n  intent: {pool: services}\n  replicas: 1\n  spreadAcrossNodes: true\n  podLabels: {app: x}");
        None(fine, "spread-exceeds-min");
        None(fine, "spread-exceeds-max");
    }

    [Fact]
    public void A_GPU_request_on_pools_without_GPUs()
    {
        var finding = Single(WithSlots("- path: a\n  intent: {pool: services}\n  requests: {nvidia.com/gpu: \"1\"}"), "gpu-request-without-gpu");
        Assert.Equal(Severity.Error, finding.Severity);
        None(WithSlots("- path: a\n  intent: {pool: gpu}\n  requests: {nvidia.com/gpu: \"1\"}"), "gpu-request-without-gpu");
    }

    [Fact]
    public void A_pool_nothing_targets_is_noted()
    {
        var plan = WithSlots("- path: a\n  intent: {pool: gpu}");
        var untargeted = plan.Findings.Where(f => f.Rule == "pool-untargeted").Select(f => f.Subject).ToList();
        Assert.Equal(["pool services", "pool system"], untargeted.Order());
        Assert.All(plan.Findings.Where(f => f.Rule == "pool-untargeted"), f => Assert.Equal(Severity.Info, f.Severity));
    }

    [Fact]
    public void Preferring_a_tainted_pool_without_requiring_it_is_warned()
    {
        var finding = Single(WithSlots("- path: a\n  intent: {prefer: gpu}"), "taint-without-affinity");
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("30 s", finding.Message);
        None(WithSlots("- path: a\n  intent: {pool: gpu}"), "taint-without-affinity");
    }

    [Fact]
    public void Protected_pools_should_roll_one_node_at_a_time_and_keep_their_size()
    {
        var pools = BasePools + "\n    db:\n      instanceTypes: [r6i.large]\n      scaling: {min: 1, max: 3}\n      labels: {db: \"true\"}\n      protect: true\n      update: {maxUnavailable: 2}\n      ignoreDesiredSizeChanges: false";
        // The autoscaler changes the desired size; a deployment that owns it would reset it.
        var plan = WithSlots("- path: a\n  intent: {pool: db}", pools, cluster: "");
        Assert.Equal(Severity.Warning, Single(plan, "protected-pool-update").Severity);
        Assert.Equal(Severity.Warning, Single(plan, "protected-pool-drift").Severity);

        var fine = WithSlots("- path: a\n  intent: {pool: db}", pools.Replace("update: {maxUnavailable: 2}\n      ignoreDesiredSizeChanges: false", "update: {maxUnavailable: 1}"), cluster: "");
        None(fine, "protected-pool-update");
        None(fine, "protected-pool-drift");

        // Without an autoscaler nothing else changes the desired size: the stack owning it is no drift.
        None(WithSlots("- path: a\n  intent: {pool: db}", pools), "protected-pool-drift");
    }

    [Fact]
    public void Findings_are_ordered_errors_first()
    {
        var plan = WithSlots("- path: a\n  intent: {prefer: gpu}\n- path: b\n  intent: {tolerations: [{operator: Exists}]}");
        Assert.Equal(plan.Findings.OrderByDescending(f => f.Severity).Select(f => f.Severity), plan.Findings.Select(f => f.Severity));
        Assert.Equal(Severity.Error, plan.Findings[0].Severity);
    }

    [Fact]
    public void A_node_agent_that_tolerates_every_taint_checks_clean()
    {
        // A log shipper like kube-proxy or aws-node: a DaemonSet meant for every pool.
        var agent = WithSlots("- path: shipper\n  daemonSet: true\n  intent: {tolerations: [{operator: Exists}]}");
        None(agent, "tainted-pool-reachable");
        None(agent, "daemonset-not-tolerated");
        Assert.Equal(["services", "gpu", "system"], agent.Slots.Single().Feasible.Select(v => v.Pool));

        // The same tolerations on an ordinary workload still reach pools reserved for others.
        Assert.Contains(WithSlots("- path: shipper\n  intent: {tolerations: [{operator: Exists}]}").Findings, f => f.Rule == "tainted-pool-reachable");
    }
}
