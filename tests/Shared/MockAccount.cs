using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace NodePools.Tests.Shared;

/// <summary>
/// The AWS side of a mocked account, where rules live that echoed inputs cannot show: who the
/// deployment runs as, which clusters exist and who created them, and EKS's refusal of a second
/// access entry for a principal (the creator's entry EKS makes itself). A fresh account by default:
/// no cluster, and the caller is CI's deploy role, through an assumed-role session.
/// </summary>
public sealed partial class MockAccount
{
    public const string AccountId = "123456789012";

    /// <summary>The role the bundled stacks' CI deploys as (listed under their access).</summary>
    public const string DeployRole = $"arn:aws:iam::{AccountId}:role/nodepools-deploy";

    /// <summary>What GetCallerIdentity answers: an STS session of a role, as OIDC role assumption in CI gives.</summary>
    public string CallerArn { get; init; } = $"arn:aws:sts::{AccountId}:assumed-role/nodepools-deploy/GitHubActions";

    /// <summary>Clusters that exist already, with the creator their tag records (null: no tag).</summary>
    public IReadOnlyDictionary<string, string?> ExistingClusters { get; init; } = new Dictionary<string, string?>();

    /// <summary>
    /// EC2 vCPU quotas by code, as Service Quotas answers them: a young account's, raised just enough
    /// for the bundled stacks' minimum sizes (prod: 48 on-demand Standard, 16 Standard Spot, 8 on-demand
    /// G and VT) and below their maximums; G and VT Spot and every P quota are 0.
    /// </summary>
    public IReadOnlyDictionary<string, double> Quotas { get; init; } = YoungAccountQuotas;

    public static readonly IReadOnlyDictionary<string, double> YoungAccountQuotas = new Dictionary<string, double>
    {
        ["L-1216C47A"] = 64, ["L-DB2E81BA"] = 8, ["L-417A185B"] = 0,
        ["L-34B43A08"] = 64, ["L-3819A6DF"] = 0, ["L-7212CCBC"] = 0,
    };

    /// <summary>Further tags the existing clusters carry (besides the creator's).</summary>
    public IReadOnlyDictionary<string, string> ExistingClusterTags { get; init; } = new Dictionary<string, string>();

    /// <summary>Subnets that exist already (an earlier deployment's), with their Name tag, zone and range.</summary>
    public IReadOnlyList<(string Id, string Name, string Zone, string Cidr)> ExistingSubnets { get; init; } = [];

    /// <summary>The private subnets a deployment of the cluster created in these zones, in this order of the address plan.</summary>
    public static IReadOnlyList<(string Id, string Name, string Zone, string Cidr)> DeployedSubnets(string cluster, params string[] zones) =>
        zones.Select((zone, i) => ($"subnet-{i:D17}", $"{cluster}-network-private-{zone}", zone, $"10.0.{i * 32}.0/19")).ToList();

    /// <summary>What GetAddonVersion answers: a version of the add-on per Kubernetes minor (a distinct one each).</summary>
    public static string AddonVersion(string addon, string kubernetesVersion) => $"v{kubernetesVersion}.0-{addon}-eksbuild.1";

    /// <summary>The IAM principal of the caller: the role of an assumed-role session, as GetSessionContext answers.</summary>
    public string CallerPrincipal => IssuerOf(CallerArn);

    // Access entries EKS holds, per cluster: a cluster's creator has one from its creation.
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, bool>> _entries = new(StringComparer.Ordinal);

    public static string IssuerOf(string arn) =>
        AssumedRole().Match(arn) is { Success: true } session ? $"arn:aws:iam::{session.Groups["account"].Value}:role/{session.Groups["role"].Value}" : arn;

    /// <summary>The access entries EKS holds for a cluster, the creator's included.</summary>
    public IReadOnlyCollection<string> AccessEntries(string cluster) =>
        _entries.TryGetValue(cluster, out var entries) ? [.. entries.Keys] : [];

    /// <summary>
    /// The program declares the cluster: a new one is created with bootstrapClusterCreatorAdminPermissions,
    /// so its creator (the caller) holds an entry at once; an existing one keeps its creator's.
    /// </summary>
    public void CreateCluster(string name)
    {
        var entries = _entries.GetOrAdd(name, Seeded);
        if (!ExistingClusters.ContainsKey(name))
            entries.TryAdd(CallerPrincipal, true);
    }

    /// <summary>CreateAccessEntry: refused, as EKS refuses it, for a principal that holds one on the cluster.</summary>
    public void CreateAccessEntry(string cluster, string principal)
    {
        var entries = _entries.GetOrAdd(cluster, Seeded);
        if (!entries.TryAdd(principal, true))
            throw new InvalidOperationException($"creating EKS Access Entry ({cluster}:{principal}): ResourceInUseException: The specified access entry resource is already in use on this cluster.");
    }

    private ConcurrentDictionary<string, bool> Seeded(string cluster)
    {
        var entries = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        if (ExistingClusters.TryGetValue(cluster, out var creator) && creator is not null)
            entries.TryAdd(creator, true);
        return entries;
    }

    /// <summary>Answers the identity and cluster data sources; null for any other token.</summary>
    public object? Answer(string token, ImmutableDictionary<string, object> args) => token switch
    {
        "aws:index/getCallerIdentity:getCallerIdentity" => Map(("accountId", AccountId), ("arn", CallerArn), ("id", AccountId), ("userId", "AROAEXAMPLE:GitHubActions")),
        "aws:iam/getSessionContext:getSessionContext" => Map(("arn", (string)args["arn"]), ("id", (string)args["arn"]), ("issuerArn", IssuerOf((string)args["arn"])),
            ("issuerId", "AROAEXAMPLE"), ("issuerName", IssuerOf((string)args["arn"]).Split('/')[^1]), ("sessionName", "GitHubActions")),
        "aws:eks/getClusters:getClusters" => new Dictionary<string, object>
        {
            ["id"] = "us-east-1",
            ["names"] = ExistingClusters.Keys.Select(name => (object)name).ToImmutableArray(),
        }.ToImmutableDictionary(),
        "aws:eks/getCluster:getCluster" => ExistingClusters.TryGetValue((string)args["name"], out var creator)
            ? new Dictionary<string, object>
            {
                ["id"] = (string)args["name"],
                ["name"] = (string)args["name"],
                ["tags"] = ExistingClusterTags.Select(tag => KeyValuePair.Create(tag.Key, (object)tag.Value))
                    .Concat(creator is null ? [] : [KeyValuePair.Create("node-pools/cluster-creator", (object)creator)])
                    .ToImmutableDictionary(),
            }.ToImmutableDictionary()
            : throw new InvalidOperationException($"reading EKS Cluster ({args["name"]}): couldn't find resource"),
        "aws:ec2/getSubnets:getSubnets" => new Dictionary<string, object>
        {
            ["id"] = "us-east-1",
            ["ids"] = ExistingSubnets.Where(subnet => Matches(args, subnet.Name)).Select(subnet => (object)subnet.Id).ToImmutableArray(),
        }.ToImmutableDictionary(),
        "aws:ec2/getSubnet:getSubnet" => ExistingSubnets.Where(subnet => subnet.Id == (string)args["id"])
            .Select(subnet => Map(("id", subnet.Id), ("availabilityZone", subnet.Zone), ("cidrBlock", subnet.Cidr), ("vpcId", "vpc-0123456789abcdef0")))
            .Single(),
        "aws:eks/getAddonVersion:getAddonVersion" => Map(("id", (string)args["addonName"]), ("addonName", (string)args["addonName"]),
            ("kubernetesVersion", (string)args["kubernetesVersion"]), ("mostRecent", args.TryGetValue("mostRecent", out var recent) ? recent : false),
            ("version", AddonVersion((string)args["addonName"], (string)args["kubernetesVersion"]))),
        "aws:servicequotas/getServiceQuota:getServiceQuota" => Quotas.TryGetValue((string)args["quotaCode"], out var quota) && (string)args["serviceCode"] == "ec2"
            ? Map(("id", $"ec2/{args["quotaCode"]}"), ("quotaCode", (string)args["quotaCode"]), ("serviceCode", "ec2"), ("value", quota), ("defaultValue", quota),
                ("adjustable", true), ("globalQuota", false), ("arn", $"arn:aws:servicequotas:us-east-1:{AccountId}:ec2/{args["quotaCode"]}"),
                ("quotaName", (string)args["quotaCode"]), ("serviceName", "Amazon Elastic Compute Cloud (Amazon EC2)"), ("region", "us-east-1"))
            : throw new InvalidOperationException($"getting Service Quota (ec2/{args["quotaCode"]}): NoSuchResourceException"),
        _ => null,
    };

    /// <summary>The tag:Name filter of a getSubnets call, with EC2's * wildcard.</summary>
    private static bool Matches(ImmutableDictionary<string, object> args, string name) =>
        ((IEnumerable<object>)args["filters"]).Cast<IDictionary<string, object>>()
            .Where(filter => (string)filter["name"] == "tag:Name")
            .All(filter => ((IEnumerable<object>)filter["values"]).Cast<string>()
                .Any(pattern => Regex.IsMatch(name, "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$")));

    private static ImmutableDictionary<string, object> Map(params (string Key, object Value)[] pairs) =>
        pairs.ToImmutableDictionary(pair => pair.Key, pair => pair.Value);

    [GeneratedRegex(@"^arn:aws:sts::(?<account>\d{12}):assumed-role/(?<role>[^/]+)/.+$")]
    private static partial Regex AssumedRole();
}
