using NodePools.Tests.Shared;
using NodePools.Placement.Planning;
using NodePools.Placement.Verdicts;
using NodePools.Placement.Pipeline;

namespace NodePools.Placement.Tests.Pipeline;

/// <summary>The ArcGIS "Pod placement" scenarios 1–4 (examples/arcgis), each placed as the guide intends.</summary>
public class ArcGisScenarioTests
{
    private static readonly StackAnalysis Plan = StackPipeline.Check(StackPipeline.PlanFromDirectory(Repository.Path("examples", "arcgis"), "scenarios"));

    private static EvaluatedSlot Slot(string release) => Plan.Slots.Single(s => s.Id.StartsWith(release + "/", StringComparison.Ordinal));

    private static Dictionary<string, string> Placements(string release) =>
        Slot(release).Verdicts.ToDictionary(v => v.Pool, v => !v.Verdict.Schedulable ? "blocked" : v.Verdict.PreferredScore > 0 ? $"+{v.Verdict.PreferredScore}" : "fits");

    [Fact]
    public void Scenario_1_the_map_service_prefers_the_high_performance_nodes_it_tolerates()
    {
        Assert.Equal(new Dictionary<string, string>
        {
            ["general"] = "fits", ["high-performance"] = "+80", ["gpu"] = "blocked", ["resource-constrained"] = "fits", ["data-store"] = "blocked",
        }, Placements("map-service"));
        // The guide prefers rather than requires: the checks say what that costs.
        Assert.Contains(Plan.Findings, f => f.Rule == "taint-without-affinity" && f.Subject.StartsWith("map-service"));
    }

    [Fact]
    public void Scenario_2_raster_analysis_runs_only_on_GPU_nodes_and_they_have_GPUs()
    {
        Assert.Equal(["gpu"], Slot("raster-analysis").Feasible.Select(v => v.Pool));
        Assert.True(Plan.Pool("gpu").HasGpuInstances);
        Assert.DoesNotContain(Plan.Findings, f => f.Rule == "gpu-request-without-gpu");
    }

    [Fact]
    public void Scenario_3_feature_services_avoid_the_constrained_nodes_without_being_locked_out()
    {
        var verdicts = Slot("feature-service").Verdicts.ToDictionary(v => v.Pool, v => v.Verdict);
        Assert.Equal(100, verdicts["general"].PreferredScore);
        Assert.True(verdicts["resource-constrained"].Schedulable);
        Assert.Equal(0, verdicts["resource-constrained"].PreferredScore);
        Assert.Equal(0, verdicts["resource-constrained"].UntoleratedPreferNoSchedule); // tolerated
        // Other pods are merely discouraged there.
        Assert.Equal(1, Slot("map-service").Verdicts.Single(v => v.Pool == "resource-constrained").Verdict.UntoleratedPreferNoSchedule);
    }

    [Fact]
    public void Scenario_4_the_data_store_has_its_own_protected_pool_that_is_not_scaled_down()
    {
        Assert.Equal(["data-store"], Slot("data-store").Feasible.Select(v => v.Pool));
        var pool = Plan.Pool("data-store").Spec;
        Assert.True(pool.Protect);
        // min = max: no autoscaler shrinks it, and the stack keeps its size as declared.
        Assert.Equal(pool.Scaling.Min, pool.Scaling.Max);
        Assert.False(NodePools.Placement.Deployment.NodeGroupSettings.IgnoresDesiredSize(pool, Plan.Declaration.AutoscalerRuns));
        Assert.DoesNotContain(Plan.Findings, f => f.Rule.StartsWith("protected-pool", StringComparison.Ordinal));
    }

    [Fact]
    public void No_scenario_breaches_isolation()
    {
        Assert.False(Plan.HasErrors, string.Join("\n", Plan.Findings));
    }
}
