using NodePools.Placement.Checks;
using NodePools.Placement.Discovery;
using NodePools.Placement.Rendering;
using NodePools.Placement.Pipeline;
using NodePools.Placement.Verdicts;
using NodePools.Placement.Workloads;
using static NodePools.Placement.Tests.Rendering.FixtureChart;

namespace NodePools.Placement.Tests.Rendering;

/// <summary>
/// The rendered checks on tests/charts/operators, rendered by the real helm: a chart that hands pods
/// to operators through custom resources (a KnativeServing hook whose spec.workloads come from values,
/// kube-prometheus-stack's Prometheus and Alertmanager specs, a Strimzi Kafka no model describes).
/// </summary>
public class OperatorChartTests
{
    private const string Chart = "operators";

    /// <summary>Every workload on services, the node agent on every pool, placed through the resources' spec paths.</summary>
    private const string Placed = """
        intent: {pool: services}
        slots:
          - path: operator
          - path: serving.placement
          - path: prometheus.prometheusSpec
          - path: alertmanager.alertmanagerSpec
          - path: nodeExporter
            daemonSet: true
            intent: {pool: [services, gpu, system]}
        """;

    /// <summary>Only the chart's own Deployment placed: the operators' workloads are left where nothing sends them.</summary>
    private const string Unplaced = """
        intent: {pool: services}
        slots:
          - path: operator
          - path: nodeExporter
            daemonSet: true
            intent: {pool: [services, gpu, system]}
        """;

    private static readonly string[] OperatorMade =
    [
        "Deployment/activator", "Deployment/autoscaler", "Deployment/autoscaler-hpa", "Deployment/controller", "Deployment/webhook",
        "Deployment/net-kourier-controller", "Deployment/3scale-kourier-gateway", "StatefulSet/prometheus-operators", "StatefulSet/alertmanager-operators",
    ];

    private static Analysis Run(string body) => new(Check(body, chart: Chart));

    private sealed record Analysis(StackAnalysis Value)
    {
        public IReadOnlyList<Finding> Of(string rule) => Findings(Value, rule);

        public WorkloadPlacement Workload(string id) => FixtureChart.Workload(Value, id);
    }

    [Fact]
    public void Operators_workloads_are_read_from_the_resources_the_chart_renders()
    {
        var rendered = Run(Placed);
        var made = rendered.Value.Rendered!.Workloads.Where(w => w.Workload.Origin == WorkloadOrigin.Operator).ToList();
        Assert.Equal(OperatorMade.Order(StringComparer.Ordinal), made.Select(w => w.Workload.Id).Order(StringComparer.Ordinal));
        var activator = rendered.Workload("Deployment/activator");
        Assert.Equal("KnativeServing/operators-serving", activator.Workload.From);
        Assert.Equal("post-install,post-upgrade", activator.Workload.Hook); // the resource is a hook; its Deployments still run
        Assert.Contains("the Knative operator (knative-v1.23.0)", activator.Workload.Note);
        Assert.Equal("operators Deployment/activator (from KnativeServing/operators-serving)", activator.Subject);
        Assert.Equal("Prometheus/operators", rendered.Workload("StatefulSet/prometheus-operators").Workload.From);
    }

    [Fact]
    public void Patches_to_a_hook_resource_place_its_operators_workloads_as_the_patch_after_the_release_leaves_them()
    {
        // The chart hard-codes the KnativeServing hook: no values path reaches its workloads, patches do.
        string[] knative = ["activator", "autoscaler", "autoscaler-hpa", "controller", "webhook", "net-kourier-controller", "3scale-kourier-gateway"];
        var rendered = Run(Unplaced + "\nvalues: {serving: {placementFromValues: false}}\npatches:\n" + string.Join("\n", knative.Select(name =>
            $"  - {{target: {{kind: KnativeServing, name: operators-serving}}, path: \"spec.workloads[name={name}]\", intent: {{pool: services}}}}")));

        Assert.Empty(rendered.Of(Rules.PatchUnmatched.Id));
        foreach (var name in knative)
        {
            var workload = rendered.Workload($"Deployment/{name}");
            Assert.Equal(["services"], workload.Fits);
            Assert.Equal(["services"], workload.HomePools);
            Assert.Equal($"spec.workloads[name={name}]", workload.PlacedByPatch?.Path.ToString()); // reported as placed by its own patch
        }
        Assert.DoesNotContain(rendered.Of("workload-off-pool"), f => f.Subject.Contains("KnativeServing", StringComparison.Ordinal));
        var outcomes = rendered.Value.Rendered!.Render.Release(Chart)!.Patches;
        Assert.All(outcomes, outcome => Assert.Equal(["KnativeServing/operators-serving"], outcome.HooksPatched));
    }

    [Fact]
    public void A_patch_to_one_entry_of_a_resource_places_that_workload_only_and_holds_it_to_the_patchs_pools()
    {
        var rendered = Run(Unplaced + "\nvalues: {serving: {placementFromValues: false}}\npatches:\n"
                           + "  - {target: {kind: KnativeServing, name: operators-serving}, path: \"spec.workloads[name=activator]\", intent: {pool: gpu}}");
        var activator = rendered.Workload("Deployment/activator");
        Assert.Equal(["gpu"], activator.HomePools);
        Assert.NotNull(activator.PlacedByPatch);
        var webhook = rendered.Workload("Deployment/webhook");
        Assert.Null(webhook.PlacedByPatch);
        Assert.Equal(["services"], webhook.HomePools); // the release's intent: the patch to activator does not place it
    }

    [Fact]
    public void Operators_workloads_nothing_places_are_off_pool_with_the_values_path_that_reaches_them()
    {
        var rendered = Run(Unplaced);
        var strays = rendered.Of("workload-off-pool").ToDictionary(f => f.Subject);
        var activator = strays["operators Deployment/activator (from KnativeServing/operators-serving)"];
        Assert.Equal(Severity.Error, activator.Severity);
        Assert.Contains("can run on pool system", activator.Message);
        Assert.Contains("declare a slot at values path serving.placement", activator.Fix);
        Assert.Contains("declare a slot at values path prometheus.prometheusSpec", strays["operators StatefulSet/prometheus-operators (from Prometheus/operators)"].Fix);
        Assert.Contains("declare a slot at values path alertmanager.alertmanagerSpec", strays["operators StatefulSet/alertmanager-operators (from Alertmanager/operators)"].Fix);
        Assert.Equal(OperatorMade.Length, strays.Keys.Count(subject => subject.Contains("(from ", StringComparison.Ordinal)));
        Assert.True(rendered.Value.HasErrors);
    }

    [Fact]
    public void Placed_through_the_resources_spec_paths_every_operators_workload_lands_on_its_pool_and_the_slots_count_as_read()
    {
        var rendered = Run(Placed);
        Assert.DoesNotContain(rendered.Value.RenderedFindings, f => f.Severity == Severity.Error);
        Assert.Empty(rendered.Of("slot-unread"));
        foreach (var id in OperatorMade)
            Assert.Equal(["services"], rendered.Workload(id).Fits);
        Assert.Equal(["prometheus.prometheusSpec"], rendered.Workload("StatefulSet/prometheus-operators").ReachedBy.Select(s => s.Spec.Path));
        Assert.Equal(["serving.placement"], rendered.Workload("Deployment/3scale-kourier-gateway").ReachedBy.Select(s => s.Spec.Path));
    }

    [Fact]
    public void A_resource_of_a_pod_making_kind_no_model_describes_is_a_warning_naming_the_kind()
    {
        var rendered = Run(Placed);
        var finding = Assert.Single(rendered.Of("operator-workload-unmodelled"));
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal("operators Kafka/operators-kafka", finding.Subject);
        Assert.Contains("Kafka (kafka.strimzi.io/v1beta2", finding.Message);
        Assert.Contains("Strimzi", finding.Message);

        var without = Run(Placed + "\nvalues: {kafka: {enabled: false}}");
        Assert.Empty(without.Of("operator-workload-unmodelled"));
    }

    public static TheoryData<string, string> Acknowledgements => new()
    {
        // what the acknowledgement names, and a workload it covers
        { "KnativeServing/operators-serving", "Deployment/webhook" },
        { "Deployment/webhook", "Deployment/webhook" },
    };

    [Theory]
    [MemberData(nameof(Acknowledgements))]
    public void An_operators_workload_no_values_path_reaches_is_acknowledged_by_its_name_or_by_its_resource(string named, string covered)
    {
        var hardCoded = Placed.Replace("  - path: serving.placement\n", "", StringComparison.Ordinal)
                        + $"\nvalues: {{serving: {{placementFromValues: false}}}}\nacknowledge:\n  - {{workload: {named}, pool: system, reason: the chart hard-codes it}}";
        var unacknowledged = Run(hardCoded[..hardCoded.IndexOf("\nacknowledge:", StringComparison.Ordinal)]);
        var stray = Assert.Single(unacknowledged.Of("workload-off-pool"), f => f.Subject.Contains(covered, StringComparison.Ordinal));
        Assert.Contains($"acknowledge: [{{workload: {covered}, pool: system", stray.Fix);
        Assert.Contains("workload: KnativeServing/operators-serving acknowledges every workload its operator makes from it", stray.Fix);

        var rendered = Run(hardCoded);
        var workload = rendered.Workload(covered);
        Assert.False(workload.Placeable);
        Assert.Equal(named, workload.Acknowledgement?.Workload);
        Assert.Equal(["system"], workload.HomePools);
        Assert.Empty(workload.Strays);
        Assert.Empty(rendered.Of("acknowledgement-unmatched"));
        Assert.Empty(rendered.Of("acknowledgement-placeable"));
    }

    [Fact]
    public void Acknowledging_an_operators_workload_a_spec_path_reaches_is_refused_with_the_slot_to_declare()
    {
        var rendered = Run(Unplaced + "\nacknowledge:\n  - {workload: StatefulSet/prometheus-operators, pool: system}");
        var finding = Assert.Single(rendered.Of("acknowledgement-placeable"));
        Assert.Equal("operators StatefulSet/prometheus-operators (from Prometheus/operators)", finding.Subject);
        Assert.Contains("values path prometheus.prometheusSpec", finding.Fix);
    }

    [Fact]
    public void A_workload_no_slot_reaches_is_held_to_the_releases_intent_not_to_every_pool_a_slot_names()
    {
        // The node agent's slot names gpu and system; the operator's Deployment, reached by no slot, belongs on services only.
        var rendered = Run("intent: {pool: services}\nslots: [{path: nodeExporter, daemonSet: true, intent: {pool: [services, gpu, system]}}]");
        var operatorDeployment = rendered.Workload("Deployment/operators-operator");
        Assert.Equal(["services"], operatorDeployment.HomePools.Order());
        Assert.Equal(["system"], operatorDeployment.Strays);
    }

    [Fact]
    public async Task Slots_discovers_the_spec_paths_that_reach_operators_workloads_and_proposes_them()
    {
        RequireHelm();
        var plan = StackText.Plan(StackText.BasePools + "\n" + Release(Unplaced, Chart));
        var options = new RenderOptions { ChartsDirectory = ChartsDirectory, CacheDirectory = Path.Combine(Path.GetTempPath(), "nodepools-test-cache") };
        var discovery = await StackPipeline.DiscoverAsync(plan, Chart, HelmRunner.Locate()!, options, cancellation: TestContext.Current.CancellationToken);
        var paths = discovery.Paths.ToDictionary(p => p.Target.Path);
        Assert.Equal(["StatefulSet/prometheus-operators"], paths["prometheus.prometheusSpec"].Workloads.Keys);
        Assert.Equal(["affinity", "tolerations", "nodeSelector"],
            paths["prometheus.prometheusSpec"].Workloads["StatefulSet/prometheus-operators"].Select(key => Placement.Declaration.SlotStyles.PodFieldName(key)));
        Assert.Equal(["StatefulSet/alertmanager-operators"], paths["alertmanager.alertmanagerSpec"].Workloads.Keys);
        Assert.Equal(7, paths["serving.placement"].Workloads.Count);

        var suggestion = SlotSuggestion.From(discovery);
        var proposed = suggestion.Slots.ToDictionary(slot => slot.Target.Path);
        Assert.Equal(["StatefulSet/prometheus-operators"], proposed["prometheus.prometheusSpec"].Workloads);
        Assert.Equal(["StatefulSet/alertmanager-operators"], proposed["alertmanager.alertmanagerSpec"].Workloads);
        Assert.Contains("Deployment/activator", proposed["serving.placement"].Workloads);
        Assert.Empty(suggestion.Unreachable);
        Assert.Contains("- path: prometheus.prometheusSpec", suggestion.Yaml(plan.Releases.Single().Spec));
    }

    [Fact]
    public async Task Slots_proposes_one_acknowledgement_for_a_resource_no_values_path_reaches()
    {
        RequireHelm();
        var plan = StackText.Plan(StackText.BasePools + "\n" + Release(Unplaced + "\nvalues: {serving: {placementFromValues: false}}", Chart));
        var options = new RenderOptions { ChartsDirectory = ChartsDirectory, CacheDirectory = Path.Combine(Path.GetTempPath(), "nodepools-test-cache") };
        var discovery = await StackPipeline.DiscoverAsync(plan, Chart, HelmRunner.Locate()!, options, cancellation: TestContext.Current.CancellationToken);
        var suggestion = SlotSuggestion.From(discovery);
        Assert.Equal(7, suggestion.Unreachable.Count);
        Assert.Equal(["KnativeServing/operators-serving"], suggestion.Acknowledge);
        Assert.Contains("- workload: KnativeServing/operators-serving\n  pool: POOL", suggestion.Yaml(plan.Releases.Single().Spec));
    }

    public static TheoryData<string, string, string, string?> Narrowing => new()
    {
        // chart, release body, DaemonSet, the pools the warning says it left (null: no warning)
        { Chart, "intent: {pool: services}\nslots: [{path: nodeExporter, daemonSet: true}]", "DaemonSet/operators-node-exporter", "gpu, system" },
        { Chart, "intent: {pool: services}\nslots: [{path: nodeExporter, daemonSet: true, intent: {pool: [services, system]}}]", "DaemonSet/operators-node-exporter", "gpu" },
        { Chart, "intent: {pool: services}\nslots: [{path: nodeExporter, daemonSet: true, intent: {pool: [services, gpu, system]}}]", "DaemonSet/operators-node-exporter", null },
        { Chart, "intent: {pool: services}\nslots: [{path: operator}]", "DaemonSet/operators-node-exporter", null }, // no slot reaches it: workload-off-pool says the rest
        // The fixture's agent tolerates nothing by itself: it never ran on every node, so a slot narrows nothing.
        { "fixture", "intent: {pool: services}\nvalues: {apiKey: x}\nslots: [{path: agent, daemonSet: true}]", "DaemonSet/fixture-agent", null },
    };

    [Theory]
    [MemberData(nameof(Narrowing))]
    public void A_DaemonSet_the_chart_runs_on_every_node_and_a_slot_narrows_is_a_warning(string chart, string body, string daemonSet, string? lost)
    {
        var rendered = Check(body, chart: chart);
        var findings = Findings(rendered, "daemonset-narrowed").Where(f => f.Subject.EndsWith(daemonSet, StringComparison.Ordinal)).ToList();
        if (lost is null)
        {
            Assert.Empty(findings);
            return;
        }
        var finding = Assert.Single(findings);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains($"keeps it off pool {lost}", finding.Message);
        Assert.Contains("intent: {pool: [services, gpu, system]}", finding.Fix);
    }
}
