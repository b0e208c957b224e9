using System.Text.Json.Nodes;
using NodePools.Placement.Deployment;
using NodePools.Placement.Planning;
using NodePools.Placement.Checks;
using NodePools.Placement.Pipeline;

namespace NodePools.Placement.Tests.Deployment;

/// <summary>Which pools host the cluster's own add-ons, and the role the VPC CNI assumes.</summary>
public class ClusterAddonTests
{
    public static TheoryData<string, string[]> Hosts => new()
    {
        // Untainted pools host CoreDNS.
        { StackText.Pool("system", "[]") + StackText.Pool("gpu", "[{key: workload, value: gpu, effect: NoSchedule}]"), ["system"] },
        // PreferNoSchedule does not block scheduling.
        { StackText.Pool("soft", "[{key: workload, value: x, effect: PreferNoSchedule}]"), ["soft"] },
        // CriticalAddonsOnly is tolerated whatever its value or effect (operator Exists, no effect).
        { StackText.Pool("critical", "[{key: CriticalAddonsOnly, value: \"true\", effect: NoExecute}]"), ["critical"] },
        // Another key with the same effect still blocks it.
        { StackText.Pool("critical", "[{key: CriticalAddonsOnly, value: \"true\", effect: NoSchedule}]") + StackText.Pool("other", "[{key: OtherAddonsOnly, value: \"true\", effect: NoSchedule}]"), ["critical"] },
        // Every pool dedicated: nothing hosts it.
        { StackText.Pool("a", "[{key: workload, value: a, effect: NoSchedule}]") + StackText.Pool("b", "[{key: workload, value: b, effect: NoExecute}]"), [] },
    };

    [Theory]
    [MemberData(nameof(Hosts))]
    public void CoreDNS_runs_on_the_pools_whose_taints_it_tolerates(string pools, string[] expected)
    {
        var plan = StackText.Check("  node-pools:pools:\n" + pools);
        Assert.Equal(expected, ClusterAddonSettings.CoreDnsPools(plan.Plan));
        var finding = plan.Findings.Where(f => f.Rule == "coredns-unhosted").ToList();
        if (expected.Length == 0)
            Assert.Equal(Severity.Error, Assert.Single(finding).Severity);
        else
            Assert.Empty(finding);
    }

    [Fact]
    public void The_bundled_stacks_host_CoreDNS_on_their_system_pool()
    {
        foreach (var stack in new[] { "dev", "prod" })
            Assert.Equal(["system"], ClusterAddonSettings.CoreDnsPools(StackPipeline.PlanFromDirectory(NodePools.Tests.Shared.Repository.Root, stack)));
    }

    [Theory]
    [InlineData("https://oidc.eks.us-east-1.amazonaws.com/id/ABC123")]
    [InlineData("oidc.eks.us-east-1.amazonaws.com/id/ABC123")]
    public void The_CNI_role_is_assumed_only_by_the_aws_node_service_account_through_the_clusters_OIDC_provider(string providerUrl)
    {
        const string arn = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC123";
        var policy = JsonNode.Parse(ClusterAddonSettings.IrsaTrustPolicy(arn, providerUrl, "kube-system", "aws-node"))!;
        var statement = policy["Statement"]![0]!;
        Assert.Equal(arn, (string?)statement["Principal"]!["Federated"]);
        Assert.Equal("sts:AssumeRoleWithWebIdentity", (string?)statement["Action"]);
        var conditions = statement["Condition"]!["StringEquals"]!.AsObject();
        Assert.Equal("system:serviceaccount:kube-system:aws-node", (string?)conditions["oidc.eks.us-east-1.amazonaws.com/id/ABC123:sub"]);
        Assert.Equal("sts.amazonaws.com", (string?)conditions["oidc.eks.us-east-1.amazonaws.com/id/ABC123:aud"]);
        Assert.Equal(2, conditions.Count);
    }
}
