using System.Text.Json.Nodes;
using NodePools.Placement.Audit;
using NodePools.Placement.Checks;
using NodePools.Placement.Pipeline;
using NodePools.Placement.Tests.Rendering;
using NodePools.Tests.Shared;

namespace NodePools.Placement.Tests.Audit;

/// <summary>
/// The audit with the charts rendered by the real helm (tests/charts/operators): pods are matched to
/// the workloads the chart renders and the operators make, each held to its own pools — also those an
/// operator creates without Helm's annotations. Skipped, with the reason, where helm is not on PATH.
/// </summary>
public sealed class RenderedAuditTests : IDisposable
{
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

    private readonly string _directory = Directory.CreateTempSubdirectory("nodepools-audit-rendered-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private AuditResult Audit(StackAnalysis analysis, JsonObject snapshot) =>
        ClusterAudit.Run(analysis.Plan, analysis.Rendered, SnapshotReader.Read([StackSnapshots.Write(snapshot, _directory)]));

    [Fact]
    public void A_rendered_release_deployed_as_checked_audits_clean_with_every_pod_matched_to_its_rendered_workload()
    {
        var analysis = FixtureChart.Check(Placed, chart: "operators");
        var result = Audit(analysis, StackSnapshots.Build(analysis.Plan, analysis.Rendered));
        Assert.True(result.Findings.Count == 0, string.Join("\n", result.Findings.Select(f => f.Finding.Message)));
        Assert.Equal(0, result.Mapping.HelmLabels);
        Assert.Equal(0, result.Mapping.Unmatched);
        Assert.True(result.Mapping.Rendered >= 9, $"{result.Mapping}");
    }

    /// <summary>The bundled stacks with their real charts (NODEPOOLS_CHARTS, as ExampleStackRenderTests): a release whose chart is missing is matched by its Helm labels.</summary>
    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task The_bundled_stacks_rendered_with_their_real_charts_and_deployed_as_checked_audit_clean(string stack)
    {
        var charts = Environment.GetEnvironmentVariable("NODEPOOLS_CHARTS");
        Assert.SkipWhen(string.IsNullOrEmpty(charts), "NODEPOOLS_CHARTS is not set: it names a folder with the bundled stacks' charts at their pinned versions");
        FixtureChart.RequireHelm();
        var plan = StackPipeline.PlanFromDirectory(Repository.Root, stack);
        var analysis = await StackPipeline.AnalyzeAsync(plan, RenderSetup.With(Placement.Rendering.HelmRunner.Locate()!, new Placement.Rendering.RenderOptions { ChartsDirectory = charts }, required: false),
            cancellation: TestContext.Current.CancellationToken);

        var result = Audit(analysis, StackSnapshots.Build(plan, analysis.Rendered));

        // Info at most: the NVIDIA MPS daemon waits for a node labelled for MPS, by design.
        var serious = result.Findings.Where(f => f.Finding.Severity != Severity.Info).ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(f => $"{f.Finding.Rule} {f.Finding.Subject}: {f.Finding.Message}")));
        Assert.True(result.Mapping.Rendered > 40, $"{result.Mapping}");
        Assert.Equal(0, result.Mapping.Unmatched);
    }

    [Fact]
    public void An_operators_pod_on_the_system_pool_is_off_its_pool_though_it_carries_no_helm_annotation()
    {
        var analysis = FixtureChart.Check(Placed, chart: "operators");
        var snapshot = StackSnapshots.Build(analysis.Plan, analysis.Rendered);
        var systemNode = StackSnapshots.Items(snapshot, "Node").First(node => (string?)node["metadata"]!["labels"]!["role"] == "system");
        var activator = StackSnapshots.Items(snapshot, "Pod").First(pod => ((string)pod["metadata"]!["name"]!).StartsWith("activator-", StringComparison.Ordinal));
        activator["spec"]!["nodeName"] = (string)systemNode["metadata"]!["name"]!;

        var finding = Assert.Single(Audit(analysis, snapshot).Findings).Finding;
        Assert.Equal("pod-off-pool", finding.Rule);
        Assert.Equal("operators apps/Deployment/activator", finding.Subject);
        Assert.Contains("belongs on services (from its rendered chart)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_agent_missing_from_a_node_of_a_pool_it_was_placed_on_is_a_gap()
    {
        var analysis = FixtureChart.Check(Placed, chart: "operators");
        var snapshot = StackSnapshots.Build(analysis.Plan, analysis.Rendered);
        var exporter = StackSnapshots.Items(snapshot, "Pod").First(pod => pod["metadata"]!["ownerReferences"]![0]!["kind"]!.ToString() == "DaemonSet"
                                                                           && pod["metadata"]!["namespace"]!.ToString() == "apps");
        snapshot["items"]!.AsArray().Remove(exporter);

        var finding = Assert.Single(Audit(analysis, snapshot).Findings).Finding;
        Assert.Equal("daemonset-gap", finding.Rule);
        Assert.Contains("its template admits them", finding.Message, StringComparison.Ordinal);
    }
}
