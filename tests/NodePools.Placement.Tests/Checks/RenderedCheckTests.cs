using NodePools.Placement.Planning;
using NodePools.Placement.Rendering;
using NodePools.Placement.Workloads;
using static NodePools.Placement.Tests.Rendering.FixtureChart;
using NodePools.Placement.Checks;
using NodePools.Placement.Pipeline;

namespace NodePools.Placement.Tests.Checks;

/// <summary>
/// The rendered checks on tests/charts/fixture, rendered by the real helm: one chart with every
/// structure charts use to place pods (a global fallback, per-component keys, hard-coded affinity,
/// duplicate keys, a hook, a subchart, a required value, a static manifest, a runtime pod template
/// in a ConfigMap, a Namespace object, a DaemonSet, a helm test pod).
/// </summary>
public class RenderedCheckTests
{
    /// <summary>Every workload of the fixture placed on services, the static one acknowledged on system.</summary>
    private const string Placed = PlacedSlots + """

        acknowledge:
          - {workload: Deployment/fixture-static, pool: system, reason: no values reach it}
        """;

    [Fact]
    public void A_release_whose_every_workload_is_placed_checks_clean()
    {
        var rendered = Check(Placed);
        Assert.DoesNotContain(rendered.RenderedFindings, f => f.Severity != Severity.Info);
        var deployed = rendered.Rendered!.Deployed.ToList();
        Assert.Equal(
            ["ConfigMap/fixture-runtime[default-pod-template]", "DaemonSet/fixture-agent", "Deployment/fixture-api", "Deployment/fixture-builder",
             "Deployment/fixture-metrics", "Deployment/fixture-resolver", "Deployment/fixture-static", "Deployment/fixture-worker", "Job/fixture-migrate"],
            deployed.Select(w => w.Workload.Id).Order(StringComparer.Ordinal));
        foreach (var workload in deployed.Where(w => w.Workload.Id != "Deployment/fixture-static"))
            Assert.Equal(["services"], workload.Fits);
        Assert.Equal(["system"], Workload(rendered, "Deployment/fixture-static").Fits);
    }

    [Fact]
    public void Workloads_no_slot_reaches_are_strays_with_the_values_path_that_would_place_them()
    {
        var rendered = Check("intent: {pool: services}\nvalues: {apiKey: x}\nslots: [{path: api}]");
        var strays = Findings(rendered, "workload-off-pool").ToDictionary(f => f.Subject);
        Assert.Contains("fixture Deployment/fixture-worker", strays.Keys);
        var worker = strays["fixture Deployment/fixture-worker"];
        Assert.Equal(Severity.Error, worker.Severity);
        Assert.Contains("can run on pool system", worker.Message);
        Assert.Contains("declare a slot at values path worker", worker.Fix);
        Assert.Contains("declare a slot at values path metrics", strays["fixture Deployment/fixture-metrics"].Fix);
        Assert.Contains("acknowledge: [{workload: Deployment/fixture-static, pool: system", strays["fixture Deployment/fixture-static"].Fix);
        Assert.DoesNotContain("fixture Deployment/fixture-api", strays.Keys);
    }

    [Fact]
    public void A_global_fallback_places_every_component_without_its_own_value()
    {
        var rendered = Check("values: {apiKey: x}\nslots: [{path: global, intent: {pool: services}}, {path: api, intent: {pool: gpu}}]");
        var api = Workload(rendered, "Deployment/fixture-api");
        var worker = Workload(rendered, "Deployment/fixture-worker");
        Assert.Equal(["api"], api.ReachedBy.Select(s => s.Spec.Path));
        Assert.Equal(["gpu"], api.Fits);
        Assert.Equal(["global"], worker.ReachedBy.Select(s => s.Spec.Path));
        Assert.Equal(["services"], worker.Fits);
    }

    [Fact]
    public void Hard_coded_affinity_is_found_and_placed_by_node_selector()
    {
        var partly = Check("intent: {pool: services}\nvalues: {apiKey: x}\nslots: [{path: builder}]");
        var builder = Workload(partly, "Deployment/fixture-builder");
        Assert.Equal(["services", "system"], builder.Fits);
        var finding = Assert.Single(Findings(partly, "workload-off-pool"), f => f.Subject == "fixture Deployment/fixture-builder");
        Assert.Contains("reads only tolerations, nodeSelector at values path builder", finding.Fix);
        Assert.Contains("nodeSelector: true", finding.Fix);

        var placed = Check("intent: {pool: services}\nvalues: {apiKey: x}\nslots: [{path: builder, nodeSelector: true, affinity: false}]");
        Assert.Equal(["services"], Workload(placed, "Deployment/fixture-builder").Fits);
    }

    [Fact]
    public void A_chart_that_writes_its_own_affinity_key_after_ours_overrides_it()
    {
        var rendered = Check("intent: {pool: services}\nvalues: {apiKey: x}\nslots: [{path: resolver}]");
        var finding = Assert.Single(Findings(rendered, "placement-overridden"));
        Assert.Equal("fixture Deployment/fixture-resolver", finding.Subject);
        Assert.Contains("writes nodeAffinity twice", finding.Message);
        Assert.Contains("affinity: false and nodeSelector: true", finding.Fix);

        var fixedUp = Check("intent: {pool: services}\nvalues: {apiKey: x}\nslots: [{path: resolver, nodeSelector: true, affinity: false}]");
        Assert.Empty(Findings(fixedUp, "placement-overridden"));
        Assert.Equal(["services"], Workload(fixedUp, "Deployment/fixture-resolver").Fits);
    }

    [Fact]
    public void Hooks_are_evaluated_and_helm_test_pods_are_reported_apart()
    {
        var rendered = Check(Placed);
        var migrate = Workload(rendered, "Job/fixture-migrate");
        Assert.Equal(WorkloadOrigin.Hook, migrate.Workload.Origin);
        Assert.Equal("pre-install,pre-upgrade", migrate.Workload.Hook);
        var test = Workload(rendered, "Pod/fixture-test-connection");
        Assert.Equal(WorkloadOrigin.Test, test.Workload.Origin);
        Assert.Equal(["system"], test.Fits); // it would stray, but it is not installed: no finding names it
        Assert.DoesNotContain(rendered.RenderedFindings, f => f.Subject.Contains("test-connection", StringComparison.Ordinal));
    }

    [Fact]
    public void A_subchart_is_reached_under_its_name()
    {
        var rendered = Check("intent: {pool: gpu}\nvalues: {apiKey: x}\nslots: [{path: metrics}]");
        var metrics = Workload(rendered, "Deployment/fixture-metrics");
        Assert.Equal(["metrics"], metrics.ReachedBy.Select(s => s.Spec.Path));
        Assert.Equal(["gpu"], metrics.Fits);
    }

    [Fact]
    public void A_chart_that_rejects_its_values_is_an_error_with_helms_message()
    {
        var rendered = Check("intent: {pool: services}\nslots: [{path: global}]");
        var finding = Assert.Single(Findings(rendered, "values-rejected"));
        Assert.Equal("fixture", finding.Subject);
        Assert.Contains("apiKey is required: set it as a secret value", finding.Message);
        Assert.True(rendered.HasErrors);
    }

    [Fact]
    public void Secret_values_render_with_a_placeholder()
    {
        var rendered = Check("intent: {pool: services}\nsecretValues: {apiKey: {secure: AAABAGNpcGhlcnRleHQ=}}\nslots: [{path: global}]");
        Assert.Empty(Findings(rendered, "values-rejected"));
        var release = rendered.Plan.Releases.Single();
        Assert.Equal(SecretValuesPlaceholder, release.Values["apiKey"]!.GetValue<string>());
    }

    private const string SecretValuesPlaceholder = Placement.Declaration.SecretValues.Placeholder;

    [Fact]
    public void Acknowledged_workloads_are_held_to_their_pool()
    {
        var rendered = Check(Placed);
        var workload = Workload(rendered, "Deployment/fixture-static");
        Assert.Equal(["system"], workload.HomePools);
        Assert.Empty(workload.Strays);

        var elsewhere = Check(Placed.Replace("pool: system, reason", "pool: gpu, reason", StringComparison.Ordinal));
        var finding = Assert.Single(Findings(elsewhere, "workload-off-pool"));
        Assert.Equal("fixture Deployment/fixture-static", finding.Subject);
        Assert.Contains("its acknowledgement names gpu", finding.Fix);
    }

    [Fact]
    public void Acknowledging_a_placeable_workload_or_one_that_is_not_rendered_is_refused()
    {
        var rendered = Check(Placed + "\n  - {workload: Deployment/fixture-api, pool: system}\n  - {workload: Job/nothing, pool: system}");
        var placeable = Assert.Single(Findings(rendered, "acknowledgement-placeable"));
        Assert.Equal("fixture Deployment/fixture-api", placeable.Subject);
        Assert.Equal(Severity.Error, placeable.Severity);
        Assert.Contains("values path api", placeable.Fix);
        var unmatched = Assert.Single(Findings(rendered, "acknowledgement-unmatched"));
        Assert.Equal("fixture Job/nothing", unmatched.Subject);
    }

    [Fact]
    public void A_runtime_pod_template_in_a_ConfigMap_is_a_workload()
    {
        var rendered = Check("intent: {pool: gpu}\nvalues: {apiKey: x}\nslots: [{path: runtime.default-pod-template, style: pod-template}]");
        var template = Workload(rendered, "ConfigMap/fixture-runtime[default-pod-template]");
        Assert.Equal(WorkloadOrigin.RuntimeTemplate, template.Workload.Origin);
        Assert.Equal(["gpu"], template.Fits);
    }

    [Fact]
    public void A_Namespace_the_release_also_creates_is_a_conflict()
    {
        var rendered = Check(Placed.Replace("values: {apiKey: x}", "values: {apiKey: x, namespace: {create: true}}", StringComparison.Ordinal));
        var finding = Assert.Single(Findings(rendered, "namespace-conflict"));
        Assert.Equal("fixture Namespace/apps", finding.Subject);
        Assert.Contains("create: false", finding.Fix);
    }

    [Fact]
    public void A_slot_whose_path_the_chart_never_reads_is_warned()
    {
        var rendered = Check(Placed.Replace("  - path: global\n", "  - path: global\n  - path: apiServer\n", StringComparison.Ordinal));
        var finding = Assert.Single(Findings(rendered, "slot-unread"));
        Assert.Equal("fixture/apiServer", finding.Subject);
        Assert.Equal(Severity.Warning, finding.Severity);
    }

    [Fact]
    public void A_DaemonSet_kept_off_its_pool_by_a_taint_is_an_error_with_the_toleration_to_add()
    {
        var rendered = Check("intent: {pool: services}\nvalues: {apiKey: x}\nslots: [{path: global}]");
        var finding = Assert.Single(Findings(rendered, "daemonset-pool-uncovered"));
        Assert.Equal("fixture DaemonSet/fixture-agent", finding.Subject);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Contains("{key: union.ai/node-role, operator: Equal, value: \"services\", effect: NoSchedule}", finding.Fix);
    }

    [Fact]
    public void A_workload_no_node_has_room_for_is_pending()
    {
        var rendered = Check(Placed.Replace("values: {apiKey: x}", "values: {apiKey: x, heavy: {enabled: true}}", StringComparison.Ordinal)
            .Replace("  - path: metrics\n", "  - path: metrics\n  - path: heavy\n", StringComparison.Ordinal));
        var finding = Assert.Single(Findings(rendered, "workload-pending"));
        Assert.Equal("fixture Deployment/fixture-heavy", finding.Subject);
        Assert.Contains("Insufficient cpu", finding.Message);
    }

    [Fact]
    public void A_chart_missing_from_the_charts_folder_is_an_error_when_rendering_is_required()
    {
        var empty = Directory.CreateTempSubdirectory("nodepools-charts-").FullName;
        var rendered = Check(Placed, empty);
        var finding = Assert.Single(Findings(rendered, "chart-unavailable"));
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Contains("fixture-0.1.0.tgz", finding.Message);
    }

    /// <summary>
    /// The fixture placed on services (m6i.large, one node that nothing scales: no autoscaler) with
    /// the api's replicas and requests and the agent DaemonSet's requests as given.
    /// </summary>
    public static TheoryData<string, string, string, Severity?, string> RenderedCapacities => new()
    {
        // why, fixture values, declared slot extras → the pool-capacity finding on services (none: null) and what it says
        { "five pods without requests share one node", "{apiKey: x}", "", null, "" },
        { "three 1-CPU api replicas need three nodes, and one is all there is", "{apiKey: x, api: {replicas: 3, resources: {requests: {cpu: 1}}}}", "", Severity.Error,
            "need 3 m6i.large node(s), and the pool has 1 that nothing scales" },
        { "an 800m agent leaves no node room for a 1-CPU api pod", "{apiKey: x, api: {resources: {requests: {cpu: 1}}}, agent: {resources: {requests: {cpu: 800m}}}}", "",
            Severity.Error, "1 pod(s) fit no m6i.large node" },
        { "the rendered workloads count, not the declared estimate", "{apiKey: x}", ", replicas: 6, requests: {cpu: \"1\"}", null, "" },
    };

    [Theory]
    [MemberData(nameof(RenderedCapacities))]
    public void The_rendered_workloads_are_packed_on_their_pools(string why, string values, string apiSlot, Severity? severity, string says)
    {
        var rendered = Check(Placed.Replace("values: {apiKey: x}", $"values: {values}", StringComparison.Ordinal)
            .Replace("  - path: global\n", $"  - path: global\n  - {{path: api{apiSlot}}}\n", StringComparison.Ordinal));
        Assert.Equal(apiSlot.Length > 0, StackPipeline.Check(rendered.Plan).Findings.Any(f => f.Rule == "pool-capacity")); // the declared estimate, superseded
        var findings = rendered.Findings.Where(f => f.Rule == "pool-capacity").ToList();
        if (severity is null)
        {
            Assert.True(findings.Count == 0, $"{why}: {string.Join("; ", findings)}");
            return;
        }
        var finding = Assert.Single(findings);
        Assert.Equal((severity, "pool services"), (finding.Severity, finding.Subject));
        Assert.Contains(says, finding.Message);
        Assert.Contains("(rendered workloads)", finding.Message);
    }
}
