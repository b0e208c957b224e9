using System.Text.Json.Nodes;
using NodePools.Placement.Deployment;
using NodePools.Tests.Shared;
using Pulumi;
using Pulumi.Testing;

namespace NodePools.Infra.Tests;

/// <summary>Zones never move: a stack whose subnets exist keeps their zones, and a change that would move them stops the program.</summary>
public class ZoneTests
{
    private const string Cluster = "nodepools-dev";

    private static IReadOnlyList<string> PrivateSubnetZones(EchoMocks mocks) =>
        mocks.OfType("aws:ec2/subnet:Subnet").Where(s => s.Name!.Contains("-private-", StringComparison.Ordinal))
            .Select(s => (string)s.Inputs["availabilityZone"]).Order().ToList();

    [Fact]
    public async Task A_fresh_stack_names_its_private_subnets_as_the_program_looks_them_up_later()
    {
        StackConfig.Use(StackConfig.FromStackFile("dev"));
        var (mocks, _) = await ProgramRun.RunAsync("dev");
        var names = mocks.OfType("aws:ec2/subnet:Subnet").Where(s => s.Name!.Contains("-private-", StringComparison.Ordinal))
            .Select(s => (string)MockValues.Map(s.Inputs["tags"])["Name"]).Order();
        Assert.Equal(new[] { "us-east-1b", "us-east-1c" }.Select(zone => NetworkLayout.PrivateSubnetName(Cluster, zone)), names);
        var lookup = Assert.Single(mocks.Calls, c => c.Token == "aws:ec2/getSubnets:getSubnets");
        Assert.Contains($"{Cluster}-network-private-*", MockValues.ToJson(lookup.Args["filters"])!.ToJsonString());
    }

    [Fact]
    public async Task The_zones_the_stacks_subnets_span_stay_though_discovery_would_choose_others()
    {
        StackConfig.Use(StackConfig.FromStackFile("dev"));
        // Deployed when us-east-1b was not usable: discovery would now choose us-east-1b and us-east-1c.
        var account = new MockAccount { ExistingSubnets = MockAccount.DeployedSubnets(Cluster, "us-east-1d", "us-east-1c") };
        var (mocks, _) = await ProgramRun.RunAsync("dev", account);

        Assert.Equal(["us-east-1c", "us-east-1d"], PrivateSubnetZones(mocks));
        // The address plan follows the existing subnets' order: nothing is renumbered.
        var ranges = mocks.OfType("aws:ec2/subnet:Subnet").Where(s => s.Name!.Contains("-private-", StringComparison.Ordinal))
            .ToDictionary(s => (string)s.Inputs["availabilityZone"], s => (string)s.Inputs["cidrBlock"]);
        Assert.Equal(("10.0.0.0/19", "10.0.32.0/19"), (ranges["us-east-1d"], ranges["us-east-1c"]));
    }

    [Fact]
    public async Task An_instance_type_a_current_zone_does_not_offer_stops_the_program_instead_of_moving_the_zones()
    {
        var config = (JsonObject)JsonNode.Parse(StackConfig.FromStackFile("dev"))!;
        config["node-pools:pools"]!["data-store"]!["instanceTypes"] = new JsonArray("r6i.large", "r7i.large");
        StackConfig.Use(config.ToJsonString());
        var mocks = new EchoMocks(new MockAccount { ExistingSubnets = MockAccount.DeployedSubnets(Cluster, "us-east-1b", "us-east-1c") });
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => Deployment.TestAsync(mocks,
            new TestOptions { IsPreview = false, ProjectName = "node-pools", StackName = "dev" },
            () => NodePoolsProgram.RunAsync(new Config(), "node-pools", "dev", _ => { })));

        Assert.Contains("availability zone us-east-1c does not offer r7i.large (pool data-store), and the stack's VPC spans us-east-1b, us-east-1c, and zones never move", failure.ToString());
        Assert.Empty(mocks.Registered);
    }
}
