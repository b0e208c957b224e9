using System.Collections.Concurrent;
using System.Collections.Immutable;
using NodePools.Placement.Deployment;
using Pulumi.Testing;

namespace NodePools.Tests.Shared;

/// <summary>
/// Pulumi mocks that echo every resource's inputs as its state, plus the few outputs the program
/// reads (a role's ARN, a launch template's version, the cluster's kubeconfig), and record every
/// registration so tests can inspect exactly what was declared.
/// </summary>
public sealed class EchoMocks(MockAccount? account = null) : IMocks
{
    /// <summary>The AWS side: identity, clusters, access entries (a fresh account unless given).</summary>
    public MockAccount Account { get; } = account ?? new MockAccount();

    /// <summary>The revision every mocked Helm release reports.</summary>
    public const int ReleaseRevision = 3;

    public const string Kubeconfig = """{"apiVersion":"v1","kind":"Config","clusters":[]}""";

    /// <summary>The region the mocked aws provider deploys to (from a profile: no stack source names it).</summary>
    public const string ProviderRegion = "us-east-1";

    /// <summary>The zones the mocked account reports.</summary>
    public static readonly IReadOnlyList<AvailableZone> Zones = UsEast1.Zones;

    /// <summary>Instance types the mocked account does not offer in a zone: no g5 in us-east-1a, no r7i.large in us-east-1c.</summary>
    public static readonly (string Type, string Zone)[] NotOffered = [("g5.xlarge", "us-east-1a"), ("g5.2xlarge", "us-east-1a"), ("r7i.large", "us-east-1c")];

    /// <summary>Answers invokes before the defaults below (null: not answered here), e.g. kubernetes:helm:template with a real render.</summary>
    public Func<MockCallArgs, object?>? Answer { get; init; }

    private readonly ConcurrentQueue<MockCallArgs> _calls = new();

    /// <summary>Every invoke (data source read) the program made.</summary>
    public IReadOnlyList<MockCallArgs> Calls => [.. _calls];

    private readonly ConcurrentQueue<MockResourceArgs> _registered = new();

    public IReadOnlyList<MockResourceArgs> Registered => [.. _registered];

    public IEnumerable<MockResourceArgs> OfType(string type) => Registered.Where(r => r.Type == type);

    public MockResourceArgs Single(string type, string name) => Registered.Single(r => r.Type == type && r.Name == name);

    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        _registered.Enqueue(args);
        var state = args.Inputs.ToBuilder();
        switch (args.Type)
        {
            case "aws:iam/role:Role":
                state["arn"] = $"arn:aws:iam::123456789012:role/{args.Name}";
                state["name"] = args.Name ?? "";
                break;
            case "aws:ec2/launchTemplate:LaunchTemplate":
                state["latestVersion"] = 1;
                break;
            case "aws:eks/nodeGroup:NodeGroup":
                state["nodeGroupName"] = $"{args.Name}-20261122";
                // The Auto Scaling group EKS creates for it.
                state["resources"] = ImmutableArray.Create<object>(new Dictionary<string, object>
                {
                    ["autoscalingGroups"] = ImmutableArray.Create<object>(new Dictionary<string, object> { ["name"] = $"eks-{args.Name}-asg" }.ToImmutableDictionary()),
                    ["remoteAccessSecurityGroupId"] = "",
                }.ToImmutableDictionary());
                break;
            case "eks:index:Cluster":
                Account.CreateCluster((string)args.Inputs["name"]);
                state["kubeconfigJson"] = Kubeconfig;
                state["oidcProviderArn"] = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE";
                state["oidcProviderUrl"] = "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE";
                break;
            case "aws:eks/accessEntry:AccessEntry":
                Account.CreateAccessEntry((string)args.Inputs["clusterName"], (string)args.Inputs["principalArn"]);
                break;
            case "kubernetes:helm.sh/v3:Release":
                state["status"] = new Dictionary<string, object>
                {
                    ["name"] = args.Name ?? "", ["namespace"] = args.Inputs.GetValueOrDefault("namespace") ?? "", ["revision"] = ReleaseRevision, ["status"] = "deployed",
                }.ToImmutableDictionary();
                break;
            case "aws:iam/policy:Policy":
                state["arn"] = $"arn:aws:iam::123456789012:policy/{args.Name}";
                break;
        }
        return Task.FromResult<(string? id, object state)>(($"{args.Name}-id", state.ToImmutable()));
    }

    /// <summary>Answers the data sources the program reads like an account in us-east-1 would; echoes anything else.</summary>
    public Task<object> CallAsync(MockCallArgs args)
    {
        _calls.Enqueue(args);
        object result = Answer?.Invoke(args) ?? Account.Answer(args.Token ?? "", args.Args) ?? args.Token switch
        {
            "aws:index/getAvailabilityZones:getAvailabilityZones" => new Dictionary<string, object>
            {
                ["id"] = "us-east-1",
                ["names"] = Zones.Select(z => (object)z.Name).ToImmutableArray(),
                ["zoneIds"] = Zones.Select(z => (object)z.Id).ToImmutableArray(),
            }.ToImmutableDictionary(),
            "aws:ec2/getInstanceTypeOfferings:getInstanceTypeOfferings" => Offerings(args),
            "aws:index/getRegion:getRegion" => new Dictionary<string, object>
            {
                ["id"] = ProviderRegion,
                ["name"] = ProviderRegion,
                ["region"] = ProviderRegion,
                ["description"] = "US East (N. Virginia)",
                ["endpoint"] = "ec2.us-east-1.amazonaws.com",
            }.ToImmutableDictionary(),
            _ => args.Args,
        };
        return Task.FromResult(result);
    }

    /// <summary>Every requested instance type in every zone, but for <see cref="NotOffered"/>.</summary>
    private static ImmutableDictionary<string, object> Offerings(MockCallArgs args)
    {
        var filters = (IEnumerable<object>)args.Args["filters"];
        var types = filters.Cast<IDictionary<string, object>>().Single(f => (string)f["name"] == "instance-type")["values"];
        var pairs = ((IEnumerable<object>)types).Cast<string>()
            .SelectMany(type => Zones.Where(zone => !NotOffered.Contains((type, zone.Name))).Select(zone => (type, zone.Name)))
            .ToList();
        return new Dictionary<string, object>
        {
            ["id"] = "us-east-1",
            ["instanceTypes"] = pairs.Select(p => (object)p.type).ToImmutableArray(),
            ["locations"] = pairs.Select(p => (object)p.Name).ToImmutableArray(),
            ["locationTypes"] = pairs.Select(_ => (object)"availability-zone").ToImmutableArray(),
        }.ToImmutableDictionary();
    }
}
