using BenchmarkDotNet.Attributes;
using NodePools.Placement.Pipeline;
using NodePools.Placement.Planning;
using NodePools.Placement.Rendering;
using NodePools.Tests.Shared;

namespace NodePools.Benchmarks;

/// <summary>
/// Rendering the bundled prod stack with its charts at hand (NODEPOOLS_CHARTS): every release rendered
/// three times (final values, declared markers, exposed markers) in parallel, then every workload
/// evaluated against every pool. Target: at most 10 s.
/// </summary>
public class RenderingBenchmarks
{
    public const double TargetSeconds = 10;

    private StackPlan? _plan;
    private RenderOptions? _options;

    /// <summary>Why rendering cannot be measured here, or null when it can.</summary>
    public static string? Unavailable() =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NODEPOOLS_CHARTS"))
            ? "NODEPOOLS_CHARTS is not set (a folder with the prod stack's charts at their pinned versions)"
            : HelmRunner.Locate() is null ? "helm is not on PATH" : null;

    [GlobalSetup]
    public void Setup()
    {
        _plan = StackPipeline.PlanFromDirectory(Repository.Root, "prod");
        _options = new RenderOptions { ChartsDirectory = Environment.GetEnvironmentVariable("NODEPOOLS_CHARTS") };
    }

    /// <summary>Renders and checks prod; returns the number of rendered workloads.</summary>
    [Benchmark]
    public int RenderProd()
    {
        var helm = HelmRunner.Locate() ?? throw new InvalidOperationException("helm is not on PATH");
        var analysis = StackPipeline.AnalyzeAsync(_plan!, RenderSetup.With(helm, _options!, required: true)).GetAwaiter().GetResult();
        return analysis.Rendered?.Workloads.Count ?? 0;
    }
}
