using NodePools.Placement.Reports;
using NodePools.Placement.Review;
using static NodePools.Placement.Tests.StackText;

namespace NodePools.Placement.Tests.Review;

public class ReviewDocumentTests
{
    private static DiffReport Placement(string before, string after)
    {
        var current = Plan(after);
        return DiffReport.From(StackDiff.Compare(Check(before).Verdicts, Check(after).Verdicts), current, "base.yaml");
    }

    private static readonly string Stack = BasePools;

    [Fact]
    public void A_quiet_change_is_safe_to_deploy()
    {
        var doc = ReviewDocument.Render("node-pools", "dev", new Dictionary<string, int> { ["same"] = 12 }, [], Placement(Stack, Stack));
        Assert.StartsWith("# `dev`: 🟢 safe to deploy", doc);
        Assert.Contains("No resource changes.", doc);
        Assert.Contains("### Placement changes: node-pools / test", doc);
    }

    [Fact]
    public void Replaced_and_deleted_resources_come_first()
    {
        var steps = new List<ResourceStep>
        {
            new("update", "urn:pulumi:dev::node-pools::nodepools:index:NodePool$aws:eks/nodeGroup:NodeGroup::gpu", "aws:eks/nodeGroup:NodeGroup", ["labels"]),
            new("replace", "urn:pulumi:dev::node-pools::nodepools:index:NodePool$aws:eks/nodeGroup:NodeGroup::data-store", "aws:eks/nodeGroup:NodeGroup", ["instanceTypes"]),
        };
        var doc = ReviewDocument.Render("node-pools", "dev", new Dictionary<string, int> { ["update"] = 1, ["replace"] = 1, ["same"] = 20 }, steps, Placement(Stack, Stack));
        Assert.StartsWith("# `dev`: 🟡 1 resource(s) replaced or deleted", doc);
        Assert.True(doc.IndexOf("Replaced or deleted", StringComparison.Ordinal) < doc.IndexOf("Updated in place", StringComparison.Ordinal));
        Assert.Contains("| replace | `data-store` | `aws:eks/nodeGroup:NodeGroup` | instanceTypes |", doc);
        Assert.Contains("| `gpu` | `aws:eks/nodeGroup:NodeGroup` | labels |", doc);
        Assert.DoesNotContain("| same |", doc);
    }

    [Fact]
    public void Placement_errors_decide_the_verdict()
    {
        var after = Stack.Replace("taints: [{key: workload, value: high-resource, effect: NoSchedule}]",
            "taints: [{key: workload, value: high-resource, effect: NoSchedule}, {key: drain, effect: NoExecute}]") + "\n" + Releases(
            "r:\n  chart: c\n  repository: https://e.com\n  version: \"1\"\n  namespace: ns\n  slots: [{path: x, intent: {pool: gpu}}]");
        var before = Stack + "\n" + Releases("r:\n  chart: c\n  repository: https://e.com\n  version: \"1\"\n  namespace: ns\n  slots: [{path: x, intent: {pool: gpu}}]");
        var doc = ReviewDocument.Render("node-pools", "prod", new Dictionary<string, int> { ["update"] = 2 }, [], Placement(before, after));
        Assert.StartsWith("# `prod`: 🔴 1 placement error(s): do not merge as is", doc);
        Assert.Contains("#### Hazards", doc);
        Assert.Contains("taint-before-toleration", doc);
    }
}
