using NodePools.Placement.Checks;
using NodePools.Placement.Pipeline;
using NodePools.Placement.Rendering;
using NodePools.Placement.Tests.Rendering;

namespace NodePools.Placement.Tests.Pipeline;

/// <summary>The composition: what it runs when rendering is skipped, and that it renders only with helm (no helm needed here).</summary>
public class StackPipelineTests
{
    private static readonly Placement.Planning.StackPlan Plan = StackText.Plan(StackText.BasePools + "\n" + FixtureChart.Release("intent: {pool: gpu}\nslots: [{path: api}]"));

    [Fact]
    public async Task A_skipped_render_checks_the_declaration_and_keeps_the_reason()
    {
        var analysis = await StackPipeline.AnalyzeAsync(Plan, RenderSetup.Skip("no helm here"), cancellation: TestContext.Current.CancellationToken);

        Assert.Null(analysis.Rendered);
        Assert.Equal("no helm here", analysis.Skipped);
        Assert.Equal(StackPipeline.Check(Plan).Findings, analysis.Findings);
        Assert.Empty(analysis.RenderedFindings);
    }

    [Fact]
    public async Task A_stack_without_releases_is_not_rendered_even_with_helm_at_hand()
    {
        var plan = StackText.Plan(StackText.BasePools);
        var analysis = await StackPipeline.AnalyzeAsync(plan, RenderSetup.With(new HelmRunner("/nonexistent/helm"), new RenderOptions(), required: true),
            cancellation: TestContext.Current.CancellationToken);

        Assert.Null(analysis.Rendered);
        Assert.Equal("the stack declares no releases", analysis.Skipped);
    }

    [Fact]
    public void Every_declared_slot_has_its_verdicts_in_the_plans_slot_order()
    {
        var analysis = StackPipeline.Check(Plan);

        Assert.Equal(Plan.Slots.Select(slot => slot.Id), analysis.Verdicts.Slots.Select(slot => slot.Id));
        Assert.All(analysis.Verdicts.Slots, slot => Assert.Equal(Plan.Pools.Select(pool => pool.Name), slot.Verdicts.Select(verdict => verdict.Pool)));
        var api = Assert.Single(analysis.Verdicts.Slots);
        Assert.Equal(["gpu"], api.Feasible.Select(verdict => verdict.Pool));
        // The checks ran on those verdicts: gpu starts with no nodes and nothing adds one.
        Assert.Contains(analysis.Findings, finding => finding.Rule == Rules.WaitsOnEmptyPool.Id && finding.Subject == "fixture/api");
    }
}
