namespace NodePools.Placement.Declaration;

/// <summary>Reads the cluster: name, Kubernetes version, network.</summary>
internal static class ClusterParser
{
    public static ClusterSpec? Parse(ConfigCursor at, string stack)
    {
        if (!at.ExpectMapping("name", "version", "network", "availabilityZones", "publicEndpoint", "tags", "access"))
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
        if (!at.Property("network").Exists && zones.Count is < 2 or > 16)
            zonesAt.Error("without a network, a VPC is created with one subnet per availability zone: list 2 to 16 zones, e.g. [us-east-1a, us-east-1b]");

        return new ClusterSpec
        {
            Name = name,
            Version = version,
            Network = network,
            AvailabilityZones = zones,
            PublicEndpoint = at.Property("publicEndpoint").Bool(true),
            Tags = at.Property("tags").StringMap(),
            Access = Access(at.Property("access")),
        };
    }

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
            if (!System.Text.RegularExpressions.Regex.IsMatch(principal, @"^arn:aws[a-z-]*:(iam|sts)::\d{12}:(role|user|assumed-role)/.+$"))
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
