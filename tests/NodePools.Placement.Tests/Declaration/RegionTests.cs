using NodePools.Placement.Declaration;
using NodePools.Placement.Input;

namespace NodePools.Placement.Tests.Declaration;

/// <summary>The region a stack deploys to, from what it says before anyone asks AWS: aws:region, its zones, the environment.</summary>
public class RegionTests
{
    public static TheoryData<string?, string, string?, string?, string?> Sources => new()
    {
        // aws:region, availability zones, AWS_REGION, AWS_DEFAULT_REGION → the region
        { "us-east-1", "eu-west-1a,eu-west-1b", "ap-south-1", null, "us-east-1" },
        { null, "eu-west-1a,eu-west-1b", "us-east-1", null, "eu-west-1" },
        { null, "us-west-2-lax-1a,us-west-2a", null, null, "us-west-2" },
        { null, "us-gov-west-1a,us-gov-west-1b", null, null, "us-gov-west-1" },
        { null, "us-east-1-wl1-bos-wlz-1,us-east-1a", null, null, "us-east-1" },
        { null, "", "ap-south-1", "us-east-2", "ap-south-1" },
        { null, "", null, "us-east-2", "us-east-2" },
        { "", "", "", "eu-north-1", "eu-north-1" },
        { null, "a,b", null, "eu-north-1", "eu-north-1" },
        { null, "us-east-1a,us-west-2a", "eu-north-1", null, "eu-north-1" },
        { null, "", null, null, null },
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public void The_region_comes_from_aws_region_then_the_zones_then_the_environment(string? configured, string zones, string? awsRegion, string? awsDefaultRegion, string? expected)
    {
        var environment = new Dictionary<string, string?> { ["AWS_REGION"] = awsRegion, ["AWS_DEFAULT_REGION"] = awsDefaultRegion };
        var names = zones.Split(',', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected, StackRegion.Resolve(configured, names, name => environment.GetValueOrDefault(name)));
    }

    private const string Pools = """
          node-pools:pools:
            system:
              instanceTypes: [m6i.large]
              scaling: {min: 1, desired: 1, max: 3}
              labels: {role: system}
        """;

    private static string Stack(string? region, string zones) =>
        "config:\n" + (region is null ? "" : $"  aws:region: {region}\n")
        + $"  node-pools:cluster:\n    name: test\n    version: \"1.33\"\n{(zones.Length > 0 ? $"    availabilityZones: [{zones}]\n" : "")}"
        + Pools + "\n";

    private static StackDeclaration Parse(string text) =>
        DeclarationParser.FromStackFile(StackText.Project, "test", StructuredText.Parse("Pulumi.test.yaml", text)[0]);

    private static string? AwsRegionValue(StackDeclaration declaration) =>
        (string?)declaration.Releases.Single(r => r.Name == AutoscalerSpec.ReleaseName).Values["awsRegion"];

    [Theory]
    [InlineData("us-east-1", "", "us-east-1")]
    [InlineData(null, "eu-west-1a, eu-west-1b", "eu-west-1")]
    [InlineData("eu-west-1", "eu-west-1a, eu-west-1b", "eu-west-1")]
    public void The_autoscaler_is_told_the_region_the_stack_names(string? region, string zones, string expected) =>
        Assert.Equal(expected, AwsRegionValue(Parse(Stack(region, zones))));

    [Theory]
    [InlineData("us-east-1", "eu-west-1a, eu-west-1b", "the zones are in eu-west-1, and the stack deploys to us-east-1 (aws:region)")]
    [InlineData(null, "us-east-1a, us-west-2a", "the zones are in us-east-1 and us-west-2: a cluster's zones are in one region")]
    public void Zones_of_another_region_are_refused(string? region, string zones, string rule)
    {
        var errors = Assert.Throws<InvalidInputException>(() => Parse(Stack(region, zones))).Errors;
        Assert.Contains(errors, e => e.Field == "node-pools:cluster.availabilityZones" && e.Message.Contains(rule, StringComparison.Ordinal));
    }

    [Fact]
    public void Where_nothing_names_the_region_planning_goes_on_and_the_values_say_it_is_filled_at_deployment()
    {
        if ((Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION")) is { Length: > 0 } region)
            Assert.Skip($"AWS_REGION is set here ({region}) and names the region");
        var declaration = Parse(Stack(null, ""));
        Assert.Null(declaration.Cluster.Region);
        Assert.Equal(StackRegion.AtDeployment, AwsRegionValue(declaration));
    }
}
