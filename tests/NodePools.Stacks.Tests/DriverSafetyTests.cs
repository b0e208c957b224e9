using System.Text.Json;

namespace NodePools.Stacks.Tests;

/// <summary>What the driver does before the engine touches anything: refresh before up, refuse a destroy of protected resources.</summary>
public class DriverSafetyTests
{
    [Fact]
    public void Up_refreshes_before_it_updates()
    {
        // The options the driver hands the Automation API's UpAsync.
        Assert.True(StackDriver.UpOptions().Refresh);
    }

    private const string Stack = "urn:pulumi:prod::node-pools::pulumi:pulumi:Stack::node-pools-prod";

    public static TheoryData<string, string[]> States => new()
    {
        { "{}", [] },
        { """{"version":3,"deployment":{"resources":[]}}""", [] },
        { $$$"""{"version":3,"deployment":{"resources":[{"urn":"{{{Stack}}}","type":"pulumi:pulumi:Stack"}]}}""", [] },
        {
            $$$"""
            {"version":3,"deployment":{"resources":[
              {"urn":"{{{Stack}}}","type":"pulumi:pulumi:Stack"},
              {"urn":"urn:pulumi:prod::node-pools::node-pools:index:PlacedRelease$kubernetes:helm.sh/v3:Release::argo-cd","protect":false},
              {"urn":"urn:pulumi:prod::node-pools::node-pools:index:NodePool$aws:eks/nodeGroup:NodeGroup::data-store","protect":true},
              {"urn":"urn:pulumi:prod::node-pools::node-pools:index:Cluster$eks:index:Cluster::nodepools-prod","protect":true}
            ]}}
            """,
            ["aws:eks/nodeGroup:NodeGroup data-store", "eks:index:Cluster nodepools-prod"]
        },
    };

    [Theory]
    [MemberData(nameof(States))]
    public void Protected_resources_are_read_from_the_exported_state(string exported, string[] expected)
    {
        using var document = JsonDocument.Parse(exported);
        Assert.Equal(expected, ProtectedResources.In(document.RootElement));
    }

    [Theory]
    [InlineData(0, false, false)]
    [InlineData(2, false, true)]
    [InlineData(2, true, false)]
    public void A_destroy_is_refused_when_anything_is_protected_unless_forced(int protectedCount, bool force, bool refused)
    {
        var resources = Enumerable.Range(1, protectedCount).Select(i => $"aws:eks/nodeGroup:NodeGroup pool-{i}").ToList();
        var refusal = ProtectedResources.Refusal("prod", resources, force);
        Assert.Equal(refused, refusal is not null);
        if (refusal is not null)
        {
            Assert.StartsWith("Refusing to destroy stack prod: 2 resource(s) are protected", refusal);
            Assert.Contains("  aws:eks/nodeGroup:NodeGroup pool-2", refusal);
            Assert.Contains("--force destroys whatever is not protected anyway", refusal);
        }
    }

    [Fact]
    public void Destroy_takes_force_and_up_keeps_its_own()
    {
        var root = StackCommands.Create(TextWriter.Null, TextWriter.Null);
        Assert.Empty(root.Parse(["destroy", "prod", "--force"]).Errors);
        Assert.Empty(root.Parse(["up", "prod", "--force"]).Errors);
        Assert.NotEmpty(root.Parse(["refresh", "prod", "--force"]).Errors);
    }
}
