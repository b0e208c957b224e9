using NodePools.Placement.Checks;
using NodePools.Placement.Declaration;
using static NodePools.Placement.Tests.Rendering.FixtureChart;

namespace NodePools.Placement.Tests.Rendering;

/// <summary>
/// Release patches in the check's render, with the real helm on tests/charts/fixture: every render
/// (the final one and the marker renders) goes through the post-renderer's function, so the checks
/// read the objects Helm would install.
/// </summary>
public class PatchRenderTests
{
    /// <summary>The fixture placed on services by slots; its static Deployment, which no values reach, left to each test.</summary>
    private const string Slots = PlacedSlots;

    [Fact]
    public void An_intent_patch_places_a_workload_no_values_path_reaches()
    {
        var rendered = Check(Slots + "\npatches:\n  - {target: {kind: Deployment, name: fixture-static}, intent: {pool: services}}");

        Assert.DoesNotContain(rendered.RenderedFindings, f => f.Severity != Severity.Info);
        var placed = Workload(rendered, "Deployment/fixture-static");
        Assert.Equal(["services"], placed.Fits);
        Assert.Equal(["services"], placed.HomePools);
        Assert.NotNull(placed.PlacedByPatch);
        Assert.Equal(["patch at spec.template.spec"], Reports.WorkloadReport.From(placed).PlacedBy);
        Assert.Equal(["Deployment/fixture-static"], rendered.Rendered!.Render.Release("fixture")!.Patches.Single().Applied);
    }

    [Fact]
    public void Without_the_patch_the_same_workload_is_a_stray()
    {
        var rendered = Check(Slots);
        Assert.Contains(Findings(rendered, "workload-off-pool"), f => f.Subject == "fixture Deployment/fixture-static");
    }

    [Fact]
    public void A_patch_overrides_what_a_slot_wrote_and_the_workload_belongs_to_the_patch_intent()
    {
        // The slot at global reaches the worker with services; the patch sends it to gpu instead.
        var rendered = Check(Slots + """

            acknowledge:
              - {workload: Deployment/fixture-static, pool: system, reason: no values reach it}
            patches:
              - {target: {kind: Deployment, name: fixture-worker}, intent: {pool: gpu}}
            """);

        var worker = Workload(rendered, "Deployment/fixture-worker");
        Assert.Equal(["gpu"], worker.Fits);
        Assert.Equal(["gpu"], worker.HomePools);
        // The marker render is patched too: the slot's markers no longer reach the worker's affinity or tolerations.
        Assert.DoesNotContain(worker.DeclaredMarkers, m => m.Key is PlacementKey.Affinity or PlacementKey.Tolerations);
        Assert.DoesNotContain(rendered.RenderedFindings, f => f.Severity != Severity.Info);
    }

    public static TheoryData<string, string, string, string> Unapplied => new()
    {
        // description, patch, severity, message
        { "a target the chart does not render", "{target: {kind: Deployment, name: fixture-missing}, patch: {spec: {replicas: 2}}}", "Warning",
            "matches no object the chart renders" },
        { "a hook", "{target: {kind: Job, name: fixture-migrate}, patch: {spec: {backoffLimit: 1}}}", "Error",
            "cannot be applied after the release to the Helm hook Job/fixture-migrate: it is a Helm hook Job, whose pods run during the install" },
        { "a path through a list", "{target: {kind: Deployment, name: fixture-api}, path: spec.template.spec.containers.main, patch: {image: x}}", "Error",
            "spec.template.spec.containers is a list, not a mapping" },
    };

    [Theory]
    [MemberData(nameof(Unapplied))]
    public void A_patch_that_changes_nothing_installed_is_reported(string description, string patch, string severity, string message)
    {
        var rendered = Check(Slots + "\nacknowledge:\n  - {workload: Deployment/fixture-static, pool: system, reason: no values reach it}\npatches:\n  - " + patch);
        var finding = Assert.Single(Findings(rendered, Rules.PatchUnmatched.Id));
        Assert.True(finding.Severity.ToString() == severity && finding.Message.Contains(message, StringComparison.Ordinal), $"{description}: {finding}");
        Assert.StartsWith("fixture patches[0] ", finding.Subject, StringComparison.Ordinal);
    }
}
