using NodePools.Placement.Planning;
using NodePools.Placement.Rendering;
using NodePools.Tests.Shared;

namespace NodePools.Placement.Tests.Rendering;

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

        var plan = StackPlanner.PlanFromDirectory(Repository.Root, stack);
        var rendered = await RenderedPlanner.RunAsync(plan, RenderMode.Always, new RenderOptions { ChartsDirectory = charts },
            cancellation: TestContext.Current.CancellationToken);

        Assert.DoesNotContain(rendered.Findings, f => f.Severity != Severity.Info);
        var deployed = rendered.Evaluation!.Deployed.ToList();
        Assert.Equal(plan.Releases.Count, rendered.Evaluation.Render.Releases.Count(r => r.Status == RenderStatus.Rendered));
        Assert.All(deployed, workload => Assert.Empty(workload.Strays));
        Assert.All(deployed.Where(w => !w.Workload.IsDaemonSet), workload => Assert.NotEmpty(workload.Fits));
    }
}
