using System.Text.Json.Nodes;
using NodePools.Tests.Shared;
using Pulumi;
using Pulumi.Testing;

namespace NodePools.Infra.Tests;

/// <summary>
/// The account's EC2 vCPU quotas, as Service Quotas answers them in the mocks: minimum sizes they
/// cannot start stop the program before any resource is registered; maximum sizes beyond them warn.
/// </summary>
public class QuotaTests
{
    private const string Quota = "aws:servicequotas/getServiceQuota:getServiceQuota";

    [Fact]
    public async Task A_young_account_deploys_prod_and_is_warned_of_the_maximums_its_quotas_cannot_reach()
    {
        StackConfig.Use(StackConfig.FromStackFile("prod"));
        var (mocks, warnings) = await ProgramRun.RunAsync("prod");

        Assert.Equal(["L-1216C47A", "L-34B43A08", "L-DB2E81BA"], mocks.Calls.Where(c => c.Token == Quota).Select(c => (string)c.Args["quotaCode"]).Order());
        Assert.All(mocks.Calls.Where(c => c.Token == Quota), c => Assert.Equal("ec2", c.Args["serviceCode"]));
        Assert.NotEmpty(mocks.OfType("aws:eks/nodeGroup:NodeGroup"));
        var quotaWarnings = warnings.Where(w => w.StartsWith("quota ", StringComparison.Ordinal)).ToList();
        Assert.Contains(quotaWarnings, w => w.StartsWith("quota L-1216C47A (Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances) is 64 vCPUs, and the maximum sizes need 92", StringComparison.Ordinal));
        Assert.Contains(quotaWarnings, w => w.StartsWith("quota L-DB2E81BA (Running On-Demand G and VT instances) is 8 vCPUs, and the maximum sizes need 32 (pool gpu 32 (4 × 8))", StringComparison.Ordinal));
        Assert.Contains(quotaWarnings, w => w.StartsWith("quota L-34B43A08", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_G_and_VT_quota_of_0_stops_prod_before_any_resource_is_registered()
    {
        StackConfig.Use(StackConfig.FromStackFile("prod"));
        var mocks = new EchoMocks(new MockAccount { Quotas = new Dictionary<string, double>(MockAccount.YoungAccountQuotas) { ["L-DB2E81BA"] = 0 } });
        var failure = await FailureAsync(mocks, "prod");

        Assert.Contains("The account's EC2 vCPU quotas cannot start the pools' minimum sizes", failure);
        Assert.Contains("quota L-DB2E81BA (Running On-Demand G and VT instances) is 0 vCPUs, and the minimum sizes need 8: pool gpu needs 8 vCPUs (1 × 8)", failure);
        Assert.Empty(mocks.Registered);
    }

    [Fact]
    public async Task A_spot_GPU_pool_raised_to_one_node_stops_dev_on_the_G_and_VT_Spot_quota()
    {
        var config = (JsonObject)JsonNode.Parse(StackConfig.FromStackFile("dev"))!;
        config["node-pools:pools"]!["gpu"]!["scaling"] = new JsonObject { ["min"] = 1, ["desired"] = 1, ["max"] = 2 };
        StackConfig.Use(config.ToJsonString());
        var mocks = new EchoMocks();
        var failure = await FailureAsync(mocks, "dev");

        Assert.Contains("quota L-3819A6DF (All G and VT Spot Instance Requests) is 0 vCPUs, and the minimum sizes need 4: pool gpu needs 4 vCPUs (1 × 4)", failure);
        Assert.Contains("--quota-code L-3819A6DF --desired-value 4", failure);
        Assert.Empty(mocks.Registered);
    }

    [Fact]
    public async Task A_quota_the_deployer_may_not_read_is_a_warning_not_a_stop()
    {
        StackConfig.Use(StackConfig.FromStackFile("dev"));
        var quotas = MockAccount.YoungAccountQuotas.Where(q => q.Key != "L-3819A6DF").ToDictionary();
        var (mocks, warnings) = await ProgramRun.RunAsync("dev", new MockAccount { Quotas = quotas });

        Assert.Contains(warnings, w => w.StartsWith("quota L-3819A6DF (All G and VT Spot Instance Requests) could not be read, so the pools on it were not checked", StringComparison.Ordinal));
        Assert.NotEmpty(mocks.OfType("aws:eks/nodeGroup:NodeGroup"));
    }

    private static async Task<string> FailureAsync(EchoMocks mocks, string stack)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => Deployment.TestAsync(mocks,
            new TestOptions { IsPreview = false, ProjectName = "node-pools", StackName = stack },
            () => NodePoolsProgram.RunAsync(new Config(), "node-pools", stack, _ => { })));
        return failure.ToString();
    }
}
