namespace NodePools.Placement.Declaration;

/// <summary>Reads the cluster: name, Kubernetes version, network, zones, endpoint, access, autoscaler.</summary>
internal static partial class ClusterParser
{
    private const int MinZones = ClusterSpec.MinZones;
    private const int MaxZones = ClusterSpec.MaxZones;

    /// <param name="region">aws:region, or the region the aws provider names, when known.</param>
    public static ClusterSpec? Parse(ConfigCursor at, string stack, string? region)
    {
        if (!at.ExpectMapping("name", "version", "network", "availabilityZones", "zoneCount", "excludeZoneIds", "natGateways",
                "publicEndpoint", "publicAccessCidrs", "tags", "access", "protect", "amiReleaseVersion", "autoscaler", "logs"))
            return null;
        var name = at.Property("name").String() ?? $"nodepools-{stack}";
        if (name.Length is 0 or > 100 || !char.IsAsciiLetterOrDigit(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            at.Property("name").Error($"cluster name \"{name}\" must be 1–100 letters, digits, '-' or '_', starting with a letter or digit");

        var versionAt = at.Property("version");
        var version = versionAt.String(required: true) ?? "";
        if (version.Length > 0 && !IsMinorVersion(version))
            versionAt.Error($"Kubernetes version \"{version}\" must be a minor version such as \"1.33\" (quote it in YAML, or 1.30 reads as 1.3)");

        var network = Network(at.Property("network"));
        var zonesAt = at.Property("availabilityZones");
        var zones = zonesAt.Strings();
        if (zonesAt.Exists && !at.Property("network").Exists && zones.Count is < MinZones or > MaxZones)
            zonesAt.Error($"a VPC is created with a public and a private subnet per availability zone: list {MinZones} to {MaxZones} zones, or leave them out to use the region's first available ones");
        foreach (var duplicate in zones.GroupBy(z => z).Where(g => g.Count() > 1))
            zonesAt.Error($"zone {duplicate.Key} is listed twice");
        var zoneRegions = StackRegion.OfZones(zones);
        if (zoneRegions.Count > 1)
            zonesAt.Error($"the zones are in {string.Join(" and ", zoneRegions)}: a cluster's zones are in one region");
        else if (zoneRegions is [var zoneRegion] && !string.IsNullOrWhiteSpace(region) && zoneRegion != region)
            zonesAt.Error($"the zones are in {zoneRegion}, and the stack deploys to {region} (aws:region): name zones of {region}, or set aws:region to {zoneRegion}");
        var zoneCount = at.Property("zoneCount").Int(MinZones, MaxZones) ?? 3;
        if (zonesAt.Exists && at.Property("zoneCount").Exists)
            at.Property("zoneCount").Error("zoneCount is for discovered zones: with availabilityZones listed, the list decides");
        var excluded = at.Property("excludeZoneIds").Strings();
        foreach (var zoneId in excluded.Where(id => !ZoneIdPattern().IsMatch(id)))
            at.Property("excludeZoneIds").Error($"\"{zoneId}\" is not an availability zone ID (e.g. use1-az3): names like us-east-1a map to different zones in each account, IDs do not");

        var natAt = at.Property("natGateways");
        var nat = natAt.String() ?? ClusterSpec.NatPerZone;
        if (nat is not (ClusterSpec.NatPerZone or ClusterSpec.NatSingle))
            natAt.Error($"natGateways \"{nat}\" must be {ClusterSpec.NatPerZone} (one per zone: a zone's outage leaves the others their egress) or {ClusterSpec.NatSingle} (one for all zones: cheaper)");

        var publicEndpoint = at.Property("publicEndpoint").Bool(true);
        var cidrsAt = at.Property("publicAccessCidrs");
        var cidrs = cidrsAt.Strings();
        foreach (var cidr in cidrs.Where(c => !IsIpv4Cidr(c)))
            cidrsAt.Error($"\"{cidr}\" is not an IPv4 CIDR block with its host bits zero (e.g. 203.0.113.0/24)");
        if (cidrs.Count > 0 && !publicEndpoint)
            cidrsAt.Error("publicAccessCidrs limit the public endpoint, and publicEndpoint is false");

        var releaseAt = at.Property("amiReleaseVersion");
        var amiRelease = releaseAt.String();
        if (amiRelease is not null && version.Length > 0 && AmiReleaseVersions.AmazonLinuxProblem(amiRelease, version) is { } problem)
            releaseAt.Error(problem);

        return new ClusterSpec
        {
            Name = name,
            Version = version,
            Network = network,
            AvailabilityZones = zones,
            ZoneCount = zoneCount,
            ExcludeZoneIds = excluded,
            NatGateways = nat,
            PublicEndpoint = publicEndpoint,
            PublicAccessCidrs = cidrs,
            Tags = at.Property("tags").StringMap(),
            Access = Access(at.Property("access")),
            Protect = at.Property("protect").Bool(false),
            AmiReleaseVersion = amiRelease,
            Region = StackRegion.Resolve(region, zones),
            Autoscaler = Autoscaler(at.Property("autoscaler")),
            Logs = Logs(at.Property("logs")),
        };
    }

    /// <summary>logs: {types: [api, audit, authenticator], retentionDays: 90}</summary>
    private static ControlPlaneLogsSpec? Logs(ConfigCursor at)
    {
        if (!at.Exists || !at.ExpectMapping("types", "retentionDays"))
            return null;
        var typesAt = at.Property("types");
        var types = typesAt.Strings();
        if (types.Count == 0)
            typesAt.Error($"list the log types to ship: {string.Join(", ", ControlPlaneLogsSpec.AllTypes)} (api, audit and authenticator answer who did what)");
        foreach (var type in types.Where(type => !ControlPlaneLogsSpec.AllTypes.Contains(type)))
            typesAt.Error($"\"{type}\" is not a control-plane log type (types: {string.Join(", ", ControlPlaneLogsSpec.AllTypes)})");
        foreach (var duplicate in types.GroupBy(type => type).Where(group => group.Count() > 1))
            typesAt.Error($"log type {duplicate.Key} is listed twice");
        var retentionAt = at.Property("retentionDays");
        if (!retentionAt.Exists)
            retentionAt.Error("is required: CloudWatch keeps logs forever otherwise (e.g. 90)");
        var retention = retentionAt.Int(1, 3653);
        if (retention is { } days && !ControlPlaneLogsSpec.RetentionPeriods.Contains(days))
            retentionAt.Error($"{days} is not a retention CloudWatch Logs accepts ({string.Join(", ", ControlPlaneLogsSpec.RetentionPeriods)})");
        return new ControlPlaneLogsSpec(types, retention ?? 90);
    }

    /// <summary>autoscaler: false | {enabled, pool, version}; absent means deployed when a pool may scale.</summary>
    private static AutoscalerSpec Autoscaler(ConfigCursor at)
    {
        if (!at.Exists)
            return new AutoscalerSpec();
        if (at.Node is System.Text.Json.Nodes.JsonValue)
            return new AutoscalerSpec { Enabled = at.Bool(true) };
        if (!at.ExpectMapping("enabled", "pool", "version"))
            return new AutoscalerSpec();
        var versionAt = at.Property("version");
        var chartVersion = versionAt.String() ?? AutoscalerSpec.DefaultChartVersion;
        if (!SemVerPattern().IsMatch(chartVersion))
            versionAt.Error($"chart version \"{chartVersion}\" must be an exact version such as {AutoscalerSpec.DefaultChartVersion}");
        return new AutoscalerSpec
        {
            Enabled = at.Property("enabled").Exists ? at.Property("enabled").Bool(true) : null,
            Pool = at.Property("pool").String(),
            ChartVersion = chartVersion,
        };
    }

    private static bool IsIpv4Cidr(string text) =>
        System.Net.IPNetwork.TryParse(text, out var network)
        && network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
        && text == $"{network.BaseAddress}/{network.PrefixLength}"; // the prefix given, and no host bits set

    [System.Text.RegularExpressions.GeneratedRegex(@"^[a-z]{2,5}[0-9]-az[0-9]+$")]
    private static partial System.Text.RegularExpressions.Regex ZoneIdPattern();

    [System.Text.RegularExpressions.GeneratedRegex(@"^[0-9]+\.[0-9]+\.[0-9]+$")]
    private static partial System.Text.RegularExpressions.Regex SemVerPattern();

    // EKS access entries take an IAM role or user; a session's ARN names neither (and loses the role's path).
    [System.Text.RegularExpressions.GeneratedRegex(@"^arn:aws[a-z-]*:iam::\d{12}:(role|user)/.+$")]
    private static partial System.Text.RegularExpressions.Regex IamPrincipalPattern();

    [System.Text.RegularExpressions.GeneratedRegex(@"^arn:(?<partition>aws[a-z-]*):sts::(?<account>\d{12}):assumed-role/(?<role>[^/]+)/.+$")]
    private static partial System.Text.RegularExpressions.Regex AssumedRolePattern();

    /// <summary>access: [{principal: arn:aws:iam::123456789012:role/deploy, level: admin}, ...]</summary>
    private static IReadOnlyList<AccessSpec> Access(ConfigCursor at)
    {
        var access = new List<AccessSpec>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in at.Items())
        {
            if (!item.ExpectMapping("principal", "level"))
                continue;
            var principal = item.Property("principal").String(required: true);
            var level = item.Property("level").String() ?? AccessSpec.View;
            if (level is not (AccessSpec.Admin or AccessSpec.View))
                item.Property("level").Error($"level \"{level}\" must be admin (cluster admin) or view (read-only)");
            if (principal is null)
                continue;
            if (AssumedRolePattern().Match(principal) is { Success: true } session)
                item.Property("principal").Error($"\"{principal}\" is an STS session (assumed-role) ARN, and EKS access entries take IAM role or user ARNs: "
                                                 + $"write the role's ARN, arn:{session.Groups["partition"].Value}:iam::{session.Groups["account"].Value}:role/{session.Groups["role"].Value} (with its path, if it has one: aws iam get-role --role-name {session.Groups["role"].Value})");
            else if (!IamPrincipalPattern().IsMatch(principal))
                item.Property("principal").Error($"\"{principal}\" is not an IAM role or user ARN (arn:aws:iam::123456789012:role/NAME)");
            else if (!seen.Add(principal))
                item.Property("principal").Error($"{principal} is listed twice: EKS allows one access entry per principal");
            access.Add(new AccessSpec(principal, level));
        }
        return access;
    }

    private static bool IsMinorVersion(string version)
    {
        var parts = version.Split('.');
        return parts.Length == 2 && parts.All(part => part.Length > 0 && part.All(char.IsAsciiDigit)) && parts[0] == "1";
    }

    private static NetworkSpec? Network(ConfigCursor at)
    {
        if (!at.Exists || !at.ExpectMapping("vpcId", "subnetIds"))
            return null;
        var vpc = at.Property("vpcId").String(required: true);
        var subnets = at.Property("subnetIds").Strings();
        if (vpc is not null && !vpc.StartsWith("vpc-", StringComparison.Ordinal))
            at.Property("vpcId").Error($"\"{vpc}\" is not a VPC id (vpc-...)");
        if (subnets.Count < 2)
            at.Property("subnetIds").Error("EKS needs subnets in at least two availability zones: list two or more subnet ids");
        foreach (var subnet in subnets.Where(s => !s.StartsWith("subnet-", StringComparison.Ordinal)))
            at.Property("subnetIds").Error($"\"{subnet}\" is not a subnet id (subnet-...)");
        return vpc is null ? null : new NetworkSpec(vpc, subnets);
    }
}
