using NodePools.Placement.Planning;
using NodePools.Placement.Review;
using static NodePools.Placement.Tests.StackText;
using NodePools.Placement.Checks;

namespace NodePools.Placement.Tests.Review;

/// <summary>Each review hazard, from two small versions of a stack.</summary>
public class StackDiffTests
{
    private const string Release = """
        db:
          chart: postgresql
          repository: oci://registry-1.docker.io/bitnamicharts
          version: 14.2.0
          namespace: data
          slots: [{path: primary, intent: {pool: store}}]
        """;

    private static string Stack(string pool) =>
        "  node-pools:pools:\n    store:\n" + Indent(pool, 6) + Releases(Release);

    private const string Store = """
        instanceTypes: [r6i.large]
        scaling: {min: 2, desired: 2, max: 3}
        labels: {data-store: "true"}
        taints: [{key: workload, value: data-store, effect: NoSchedule}]
        protect: true
        """;

    /// <summary>The one pool is tainted: the Cluster Autoscaler runs on it.</summary>
    private const string Autoscaler = "autoscaler: {pool: store}";

    private static StackDiffResult Diff(string before, string after) =>
        StackDiff.Compare(Check(Stack(before), Autoscaler).Verdicts, Check(Stack(after), Autoscaler).Verdicts);

    private static Finding Single(StackDiffResult diff, string rule) => Assert.Single(diff.Findings, f => f.Rule == rule);

    [Fact]
    public void No_change_no_hazard()
    {
        var diff = Diff(Store, Store);
        Assert.Empty(diff.Findings);
        Assert.Empty(diff.Pools);
        Assert.Empty(diff.Slots);
    }

    [Fact]
    public void A_NoExecute_taint_on_a_pool_whose_pods_do_not_tolerate_it_is_an_error_with_the_two_step_order()
    {
        var diff = Diff(Store, Store.Replace("taints: [", "taints: [{key: maintenance, effect: NoExecute}, "));
        var finding = Single(diff, "taint-before-toleration");
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Contains("db/primary", finding.Message);
        Assert.Contains("evicts", finding.Message);
        Assert.Contains("deploy twice. First roll out db", finding.Fix);
        Assert.Equal(ChangeEffect.InPlace, Assert.Single(Assert.Single(diff.Pools).Fields).Effect);
    }

    [Fact]
    public void A_NoSchedule_taint_is_a_warning_and_a_PreferNoSchedule_taint_no_hazard()
    {
        Assert.Equal(Severity.Warning, Single(Diff(Store, Store.Replace("taints: [", "taints: [{key: m, effect: NoSchedule}, ")), "taint-before-toleration").Severity);
        Assert.DoesNotContain(Diff(Store, Store.Replace("taints: [", "taints: [{key: m, effect: PreferNoSchedule}, ")).Findings, f => f.Rule == "taint-before-toleration");
    }

    [Fact]
    public void A_taint_the_pods_already_tolerate_is_no_hazard()
    {
        // Step one (tolerations first) happened in the base: the slot already tolerates maintenance.
        var before = Stack(Store).Replace("intent: {pool: store}", "intent: {pool: store, tolerations: [{key: maintenance, operator: Exists, effect: NoExecute}]}");
        var after = Stack(Store.Replace("taints: [", "taints: [{key: maintenance, effect: NoExecute}, "));
        Assert.DoesNotContain(StackDiff.Compare(Check(before).Verdicts, Check(after).Verdicts).Findings, f => f.Rule == "taint-before-toleration");
    }

    [Fact]
    public void An_affinity_on_a_label_no_pool_has_yet_says_labels_first()
    {
        var diff = Diff(Store, Store.Replace("labels: {data-store: \"true\"}", "labels: {data-store: \"true\", tier: gold}"));
        // The Cluster Autoscaler runs on the same pool, so its placement moves too.
        var finding = Assert.Single(diff.Findings, f => f.Rule == "affinity-before-label" && f.Subject == "db/primary");
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.StartsWith("labels before affinity: deploy the new labels of pool store first", finding.Fix);
        var slot = Assert.Single(diff.Slots, s => s.Slot == "db/primary");
        Assert.True(slot.PlacementChanged);
    }

    [Theory]
    [InlineData("instanceTypes: [r6i.large]", "instanceTypes: [r6i.xlarge]", "instanceTypes")]
    [InlineData("instanceTypes: [r6i.large]", "instanceTypes: [r6i.large]\ncapacityType: spot", "capacityType")]
    [InlineData("instanceTypes: [r6i.large]", "instanceTypes: [r6i.large]\namiType: BOTTLEROCKET_x86_64", "amiType")]
    public void A_ForceNew_change_on_a_protected_pool_is_an_error(string from, string to, string field)
    {
        var finding = Single(Diff(Store, Store.Replace(from, to)), "pool-replacement");
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.StartsWith($"{field} changes", finding.Message);
    }

    [Fact]
    public void A_ForceNew_change_on_an_unprotected_pool_is_a_warning()
    {
        var open = Store.Replace("protect: true", "protect: false");
        Assert.Equal(Severity.Warning, Single(Diff(open, open.Replace("r6i.large", "r6i.xlarge")), "pool-replacement").Severity);
    }

    [Fact]
    public void A_disk_size_change_is_a_rolling_update_not_a_replacement()
    {
        var diff = Diff(Store, Store + "\ndiskSize: 200");
        Assert.DoesNotContain(diff.Findings, f => f.Rule == "pool-replacement");
        Assert.Equal(ChangeEffect.Rolling, Assert.Single(Assert.Single(diff.Pools).Fields).Effect);
    }

    [Fact]
    public void Lowering_the_minimum_of_a_protected_pool_is_an_error()
    {
        var finding = Single(Diff(Store, Store.Replace("{min: 2, desired: 2, max: 3}", "{min: 1, desired: 2, max: 3}")), "protected-pool-shrink");
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Contains("min 2 → 1", finding.Message);
    }

    [Fact]
    public void Lowering_desired_size_matters_only_when_deployments_own_it()
    {
        // Autoscalers own the desired size after creation (the default), so lowering it changes nothing.
        var lowered = Store.Replace("{min: 2, desired: 2, max: 3}", "{min: 2, desired: 2, max: 3}");
        Assert.Empty(Diff(Store.Replace("desired: 2, max: 3", "desired: 3, max: 3"), lowered).Findings);
        var owned = Store + "\nignoreDesiredSizeChanges: false";
        var finding = Single(Diff(owned.Replace("desired: 2, max: 3", "desired: 3, max: 3"), owned), "protected-pool-shrink");
        Assert.Contains("desired 3 → 2", finding.Message);
    }

    [Theory]
    [InlineData("{min: 2, desired: 2, max: 3}", "{min: 3, desired: 3, max: 4}", "", true)]      // the autoscaler left desired at 2
    [InlineData("{min: 1, desired: 3, max: 4}", "{min: 2, desired: 3, max: 4}", "", false)]     // still at or below desired
    [InlineData("{min: 2, desired: 2, max: 3}", "{min: 1, desired: 2, max: 3}", "", false)]     // lowered
    [InlineData("{min: 2, desired: 2, max: 3}", "{min: 3, desired: 3, max: 4}", "\nignoreDesiredSizeChanges: false", false)] // the deployment sets desired too
    public void Raising_the_minimum_above_the_desired_size_the_autoscaler_owns_is_a_warning(string from, string to, string extra, bool warns)
    {
        var diff = Diff(Store.Replace("{min: 2, desired: 2, max: 3}", from) + extra, Store.Replace("{min: 2, desired: 2, max: 3}", to) + extra);
        var findings = diff.Findings.Where(f => f.Rule == "min-above-desired").ToList();
        Assert.Equal(warns, findings.Count == 1);
        if (warns)
        {
            Assert.Equal(Severity.Warning, findings[0].Severity);
            Assert.Contains("aws eks update-nodegroup-config", findings[0].Fix);
            Assert.Contains("desiredSize=3", findings[0].Fix);
        }
    }

    [Fact]
    public void Added_and_removed_pools_and_slots_are_listed()
    {
        var before = Check(Stack(Store), Autoscaler).Verdicts;
        var after = Check(Stack(Store) + "    cache:\n      chart: redis\n      repository: oci://registry-1.docker.io/bitnamicharts\n      version: 21.0.0\n      namespace: data\n      slots: [{path: master, intent: {pool: store}}]\n", Autoscaler).Verdicts;
        var diff = StackDiff.Compare(before, after);
        var added = Assert.Single(diff.Slots);
        Assert.Equal(("cache/master", "added"), (added.Slot, added.Kind));
        Assert.Equal(["store"], added.After);
    }
}
