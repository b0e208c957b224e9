using System.Text.Json.Nodes;
using NodePools.Placement.Deployment;
using NodePools.Tests.Shared;

namespace NodePools.Infra.Tests;

/// <summary>What a production cluster gets by default, as it reaches the engine: logs, no self-managed add-ons, Pod Identity roles for this cluster only.</summary>
public class ProductionDefaultsTests
{
    public static TheoryData<string> Stacks => ["dev", "prod"];

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Prod_ships_the_control_planes_api_audit_and_authenticator_logs_kept_90_days_and_dev_none(string stack)
    {
        var (mocks, options) = await RecordingStack.Run(stack);
        var name = $"nodepools-{stack}";
        var cluster = mocks.Single("eks:index:Cluster", name).Inputs;
        var groups = mocks.OfType("aws:cloudwatch/logGroup:LogGroup").ToList();
        if (stack == "dev")
        {
            Assert.False(cluster.ContainsKey("enabledClusterLogTypes"));
            Assert.Empty(groups);
            return;
        }
        Assert.Equal(["api", "audit", "authenticator"], ((IEnumerable<object>)cluster["enabledClusterLogTypes"]).Cast<string>());
        var group = Assert.Single(groups);
        Assert.Equal(("/aws/eks/nodepools-prod/cluster", 90d), ((string)group.Inputs["name"], (double)group.Inputs["retentionInDays"]));
        // Created first: EKS would otherwise create the group itself, keeping logs forever.
        Assert.Contains(("aws:cloudwatch/logGroup:LogGroup", group.Name!), await RecordingStack.DependsOn(options[("eks:index:Cluster", name)]));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task A_new_cluster_is_created_without_EKSs_own_add_on_copies_and_says_so_in_a_tag(string stack)
    {
        var (mocks, _) = await RecordingStack.Run(stack);
        var cluster = mocks.Single("eks:index:Cluster", $"nodepools-{stack}").Inputs;
        Assert.False((bool)cluster["bootstrapSelfManagedAddons"]);
        Assert.Equal("false", MockValues.Map(cluster["clusterTags"])[SelfManagedAddons.Tag]);
    }

    public static TheoryData<string?, bool?> Existing => new()
    {
        // the existing cluster's tag; bootstrapSelfManagedAddons sent (null: not sent, as created)
        { "false", false },
        { null, null },
    };

    [Theory]
    [MemberData(nameof(Existing))]
    public async Task An_existing_cluster_keeps_how_it_was_created_because_changing_it_replaces_the_cluster(string? tag, bool? sent)
    {
        StackConfig.Use(StackConfig.FromStackFile("dev"));
        var account = new MockAccount
        {
            ExistingClusters = new Dictionary<string, string?> { ["nodepools-dev"] = MockAccount.DeployRole },
            ExistingClusterTags = tag is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [SelfManagedAddons.Tag] = tag },
        };
        var (mocks, warnings) = await ProgramRun.RunAsync("dev", account);
        var cluster = mocks.Single("eks:index:Cluster", "nodepools-dev").Inputs;
        Assert.Equal(sent, cluster.TryGetValue("bootstrapSelfManagedAddons", out var value) ? (bool?)(bool)value : null);
        Assert.Equal(sent is null, warnings.Any(w => w.Contains("changing it would replace the cluster", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Pod_Identity_roles_trust_only_this_accounts_cluster(string stack)
    {
        var (mocks, _) = await RecordingStack.Run(stack);
        var name = $"nodepools-{stack}";
        foreach (var role in new[] { $"{name}-storage-ebs-csi", $"{name}-autoscaler" })
        {
            var statement = JsonNode.Parse((string)mocks.Single("aws:iam/role:Role", role).Inputs["assumeRolePolicy"])!["Statement"]![0]!;
            Assert.Equal("pods.eks.amazonaws.com", (string?)statement["Principal"]!["Service"]);
            Assert.Equal(MockAccount.AccountId, (string?)statement["Condition"]!["StringEquals"]!["aws:SourceAccount"]);
            Assert.Equal($"arn:aws:eks:us-east-1:{MockAccount.AccountId}:cluster/{name}", (string?)statement["Condition"]!["ArnEquals"]!["aws:SourceArn"]);
        }
    }
}
