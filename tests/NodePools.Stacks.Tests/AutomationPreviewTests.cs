using NodePools.Components;
using NodePools.Placement.Deployment;
using NodePools.Placement.Planning;
using NodePools.Tests.Shared;
using Pulumi.Automation;
using Pulumi.Automation.Events;

namespace NodePools.Stacks.Tests;

/// <summary>
/// The real Automation API and engine against a file:// backend in a temporary folder. Needs the
/// pulumi CLI (and the aws plugin it installs); reported as skipped where the CLI is not on PATH.
/// </summary>
public class AutomationPreviewTests
{
    [Fact]
    public async Task A_preview_of_the_dev_pools_creates_their_node_groups_and_replaces_nothing()
    {
        if (PulumiCli.Find() is null)
            Assert.Skip($"the pulumi CLI is not on PATH: {PulumiCli.InstallHint}");

        var plan = StackPlanner.PlanFromDirectory(StackConfig.RepositoryRoot, "dev");
        var backend = Directory.CreateTempSubdirectory("nodepools-backend-").FullName;
        var program = PulumiFn.Create(() =>
        {
            // The pools and their role only: the cluster itself comes from the eks plugin, which a preview does not need here.
            var role = new NodeRole("nodes");
            foreach (var pool in plan.Pools)
            {
                _ = new NodePool(pool.Name, new NodePoolArgs
                {
                    Settings = NodeGroupSettings.For(pool, plan.Declaration),
                    ClusterName = plan.Declaration.Cluster.Name,
                    NodeRoleArn = role.Role.Arn,
                    SubnetIds = new[] { "subnet-0123456789abcdef0", "subnet-0fedcba9876543210" },
                    DependsOn = [.. role.Attachments],
                });
            }
        });

        var args = new InlineProgramArgs("node-pools", "automation-test", program)
        {
            EnvironmentVariables = new Dictionary<string, string?>
            {
                ["PULUMI_BACKEND_URL"] = $"file://{backend}",
                ["PULUMI_CONFIG_PASSPHRASE"] = "automation-test",
            },
        };
        var cancellation = TestContext.Current.CancellationToken;
        using var stack = await LocalWorkspace.CreateOrSelectStackAsync(args, cancellation);
        await stack.SetAllConfigAsync(new Dictionary<string, ConfigValue>
        {
            ["aws:region"] = new("us-east-1"),
            ["aws:skipCredentialsValidation"] = new("true"),
            ["aws:skipRequestingAccountId"] = new("true"),
            ["aws:skipMetadataApiCheck"] = new("true"),
            ["aws:skipRegionValidation"] = new("true"),
            // A preview of creations calls no AWS API; the provider still wants credentials to configure.
            ["aws:accessKey"] = new("preview-only"),
            ["aws:secretKey"] = new("preview-only", isSecret: true),
        }, cancellation);

        var steps = new List<(OperationType Op, string Type, string Urn)>();
        var preview = await stack.PreviewAsync(new PreviewOptions
        {
            OnEvent = e =>
            {
                if (e.ResourcePreEvent?.Metadata is { } step)
                    lock (steps) steps.Add((step.Op, step.Type, step.Urn));
            },
        }, cancellation);

        Assert.True(preview.ChangeSummary.TryGetValue(OperationType.Create, out var created) && created > 0);
        Assert.False(preview.ChangeSummary.ContainsKey(OperationType.Replace));
        Assert.False(preview.ChangeSummary.ContainsKey(OperationType.Delete));
        var nodeGroups = steps.Where(s => s.Type == "aws:eks/nodeGroup:NodeGroup").ToList();
        Assert.Equal(plan.Pools.Count, nodeGroups.Count);
        Assert.All(nodeGroups, s => Assert.Equal(OperationType.Create, s.Op));
        Assert.Equal(plan.Pools.Select(p => p.Name).Order(), nodeGroups.Select(s => s.Urn[(s.Urn.LastIndexOf("::", StringComparison.Ordinal) + 2)..]).Order());
    }
}
