using NodePools.Placement.Input;
using NodePools.Placement.Rendering;

namespace NodePools.Placement.Tests.Rendering;

/// <summary>When rendering happens, and what is said when it does not (no helm needed).</summary>
public class RenderedPlannerTests
{
    private static readonly Placement.Planning.StackPlan Plan = StackText.Plan(StackText.BasePools + "\n" + FixtureChart.Release("intent: {pool: services}\nslots: [{path: api}]"));

    [Fact]
    public async Task Without_helm_auto_mode_checks_the_declaration_and_says_why()
    {
        var rendered = await RenderedPlanner.RunAsync(Plan, RenderMode.Auto, new RenderOptions(), cancellation: TestContext.Current.CancellationToken, locateHelm: () => null);
        Assert.Null(rendered.Evaluation);
        Assert.Contains("helm is not on PATH", rendered.Skipped);
        Assert.Equal(Plan.Findings, rendered.Findings);
    }

    [Fact]
    public async Task Without_helm_a_required_render_is_invalid_input()
    {
        var error = await Assert.ThrowsAsync<InvalidInputException>(() =>
            RenderedPlanner.RunAsync(Plan, RenderMode.Always, new RenderOptions(), cancellation: TestContext.Current.CancellationToken, locateHelm: () => null));
        Assert.Contains("helm is not on PATH", Assert.Single(error.Errors).Message);
    }

    [Fact]
    public async Task Never_renders_even_with_helm_at_hand()
    {
        var rendered = await RenderedPlanner.RunAsync(Plan, RenderMode.Never, new RenderOptions(), cancellation: TestContext.Current.CancellationToken,
            locateHelm: () => throw new InvalidOperationException("helm must not be looked for"));
        Assert.Contains("--no-render", rendered.Skipped);
    }
}
