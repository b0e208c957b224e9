using NodePools.Placement.Pipeline;
using NodePools.Placement.Rendering;
using NodePools.Tests.Shared;
using NodePools.Placement.Checks;

namespace NodePools.Placement.Tests.Pipeline;

/// <summary>
/// The bundled stacks rendered with their real charts at the pinned versions: every workload lands on
/// its release's pools or is acknowledged. The charts are not shipped with the repository: point
/// NODEPOOLS_CHARTS at a folder holding them (helm pull --untar, or CHART-VERSION.tgz); without it,
/// or without helm, the test is skipped with the reason.
/// </summary>
public class ExampleStackRenderTests
{
    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task Every_rendered_workload_lands_on_its_pools(string stack)
    {
        var charts = Environment.GetEnvironmentVariable("NODEPOOLS_CHARTS");
        Assert.SkipWhen(string.IsNullOrEmpty(charts), "NODEPOOLS_CHARTS is not set: it names a folder with the bundled stacks' charts at their pinned versions");
        Assert.SkipWhen(HelmRunner.Locate() is null, "helm is not on PATH");

        var plan = StackPipeline.PlanFromDirectory(Repository.Root, stack);
        var rendered = await StackPipeline.AnalyzeAsync(plan, RenderSetup.With(HelmRunner.Locate()!, new RenderOptions { ChartsDirectory = charts }, required: true),
            cancellation: TestContext.Current.CancellationToken);

        Assert.DoesNotContain(rendered.Findings, f => f.Severity != Severity.Info);
        var deployed = rendered.Rendered!.Deployed.ToList();
        Assert.Equal(plan.Releases.Count, rendered.Rendered.Render.Releases.Count(r => r.Status == RenderStatus.Rendered));
        Assert.All(deployed, workload => Assert.Empty(workload.Strays));
        Assert.All(deployed.Where(w => !w.Workload.IsDaemonSet), workload => Assert.NotEmpty(workload.Fits));
    }
}
