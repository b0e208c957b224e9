using NodePools.Placement.Checks;
using NodePools.Placement.Planning;
using NodePools.Placement.Rendering;
using NodePools.Tests.Shared;
using NodePools.Placement.Verdicts;
using NodePools.Placement.Pipeline;

namespace NodePools.Placement.Tests.Rendering;

/// <summary>
/// Renders a release of a chart under tests/charts (tests/charts/fixture unless named) with the real
/// helm, the way plan and check do. Tests that call it are skipped, with the reason, where helm is not
/// on PATH: nothing here fakes helm.
/// </summary>
internal static class FixtureChart
{
    public static string ChartsDirectory => Repository.Path("tests", "charts");

    /// <summary>
    /// The fixture's release with a slot at every values path that places a workload, all on services;
    /// its static Deployment, which no values reach, is left to each test.
    /// </summary>
    public const string PlacedSlots = """
        intent: {pool: services}
        values: {apiKey: x}
        slots:
          - path: global
          - path: builder
            nodeSelector: true
            affinity: false
          - path: resolver
            nodeSelector: true
            affinity: false
          - path: agent
            daemonSet: true
          - path: migrate
          - path: metrics
          - path: runtime.default-pod-template
            style: pod-template
        """;

    /// <summary>The release of a test chart, named as its chart; <paramref name="body"/> adds its intent, values, slots and acknowledgements.</summary>
    public static string Release(string body, string chart = "fixture") => StackText.Releases($"""
        {chart}:
          chart: {chart}
          repository: https://charts.example.com/{chart}
          version: 0.1.0
          namespace: apps
        """ + "\n" + StackText.Indent(body, 2));

    public static void RequireHelm() =>
        Assert.SkipWhen(HelmRunner.Locate() is null, "helm is not on PATH: the rendered checks need a real helm (install helm 3.8+ to run them)");

    public static StackAnalysis Check(string releaseBody, string? charts = null, string chart = "fixture")
    {
        RequireHelm();
        var plan = StackText.Plan(StackText.BasePools + "\n" + Release(releaseBody, chart));
        var options = new RenderOptions { ChartsDirectory = charts ?? ChartsDirectory, CacheDirectory = Path.Combine(Path.GetTempPath(), "nodepools-test-cache") };
        return StackPipeline.AnalyzeAsync(plan, RenderSetup.With(HelmRunner.Locate()!, options, required: true),
            cancellation: TestContext.Current.CancellationToken).GetAwaiter().GetResult();
    }

    public static WorkloadPlacement Workload(StackAnalysis rendered, string id) =>
        rendered.Rendered!.Workloads.Single(w => w.Workload.Id == id);

    public static IReadOnlyList<Finding> Findings(StackAnalysis rendered, string rule) =>
        rendered.RenderedFindings.Where(f => f.Rule == rule).ToList();
}
