using NodePools.Placement.Kubernetes;
using NodePools.Placement.Facts;

namespace NodePools.Placement.Declaration;

/// <summary>Reads and validates one pool (a managed node group).</summary>
internal static class PoolParser
{
    private static readonly string[] Keys =
    [
        "instanceTypes", "amiType", "capacityType", "scaling", "diskSize", "labels", "taints",
        "update", "protect", "ignoreDesiredSizeChanges", "subnetIds", "tags", "amiReleaseVersion",
    ];

    /// <summary>EKS's node_group_name_prefix is at most 37 characters; the prefix is the pool name and a '-'.</summary>
    public const int MaxNameLength = 36;

    /// <param name="kubernetesVersion">The cluster's minor version, when valid: some AMI types are not published for newer ones.</param>
    /// <param name="clusterAmiRelease">The cluster's Amazon Linux AMI release version, which Amazon Linux pools take unless they name their own.</param>
    public static PoolSpec? Parse(string name, ConfigCursor at, string? kubernetesVersion = null, string? clusterAmiRelease = null)
    {
        if (!at.ExpectMapping(Keys))
        {
            if (!at.Exists)
                at.Error("a pool needs at least instanceTypes and scaling");
            return null;
        }
        if (!PoolName(name))
            at.Error($"pool name \"{name}\" must be 1–63 letters, digits, '-' or '_', starting with a letter or digit (it names the node group)");
        else if (name.Length > MaxNameLength)
            at.Error($"pool name \"{name}\" has {name.Length} characters: it prefixes the node group's name, and EKS allows a prefix of {MaxNameLength + 1} (the name and a '-')");

        var instanceTypes = at.Property("instanceTypes").Strings();
        if (instanceTypes.Count == 0)
            at.Property("instanceTypes").Error("at least one instance type is required, e.g. [m6i.large]");

        var amiAt = at.Property("amiType");
        var amiType = amiAt.String() ?? DefaultAmiType(instanceTypes);
        if (!AmiTypes.Known.Contains(amiType))
            amiAt.Error($"AMI type \"{amiType}\" is not one EKS knows (e.g. AL2023_x86_64_STANDARD, AL2023_x86_64_NVIDIA, BOTTLEROCKET_ARM_64)");
        else
            CheckHardware(amiAt, amiType, instanceTypes);
        if (amiType.StartsWith("AL2_", StringComparison.Ordinal) && AtLeast(kubernetesVersion, 1, 33))
            amiAt.Error($"AWS publishes no {amiType} (Amazon Linux 2) AMIs for Kubernetes {kubernetesVersion}: use the AL2023 or Bottlerocket equivalent (e.g. {AmiTypes.Al2023For(amiType)})");

        var capacityAt = at.Property("capacityType");
        var capacityType = CapacityType(capacityAt);

        var scaling = Scaling(at.Property("scaling"));
        var labels = Labels(at.Property("labels"));
        var taints = Taints(at.Property("taints"));
        var update = Update(at.Property("update"));

        var releaseAt = at.Property("amiReleaseVersion");
        var amiRelease = releaseAt.String();
        if (amiRelease is not null && kubernetesVersion is not null && AmiReleaseVersions.Problem(amiRelease, amiType, kubernetesVersion) is { } releaseProblem)
            releaseAt.Error(releaseProblem);
        if (amiRelease is null && clusterAmiRelease is not null && amiType.StartsWith("AL2", StringComparison.Ordinal))
            amiRelease = clusterAmiRelease;

        return new PoolSpec
        {
            Name = name,
            InstanceTypes = instanceTypes,
            AmiType = amiType,
            CapacityType = capacityType,
            Scaling = scaling ?? new ScalingSpec(1, 1, 1),
            DiskSize = at.Property("diskSize").Int(1, 16_384) ?? 50,
            Labels = labels,
            Taints = taints,
            Update = update,
            Protect = at.Property("protect").Bool(false),
            IgnoreDesiredSizeChanges = at.Property("ignoreDesiredSizeChanges").Exists ? at.Property("ignoreDesiredSizeChanges").Bool(true) : null,
            AmiReleaseVersion = amiRelease,
            SubnetIds = at.Property("subnetIds").Strings(),
            Tags = at.Property("tags").StringMap(),
        };
    }

    private static bool PoolName(string name) =>
        name.Length is > 0 and <= 63 && char.IsAsciiLetterOrDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static bool AtLeast(string? version, int major, int minor) =>
        version?.Split('.') is [var a, var b] && int.TryParse(a, out var m) && int.TryParse(b, out var n) && (m > major || (m == major && n >= minor));

    private static string DefaultAmiType(IReadOnlyList<string> instanceTypes)
    {
        var arm = instanceTypes.Count > 0 && instanceTypes.All(InstanceTypes.IsArm);
        var gpu = instanceTypes.Count > 0 && instanceTypes.All(InstanceTypes.HasNvidiaGpu);
        return (arm, gpu) switch
        {
            (true, true) => "AL2023_ARM_64_NVIDIA",
            (false, true) => "AL2023_x86_64_NVIDIA",
            (true, false) => "AL2023_ARM_64_STANDARD",
            _ => "AL2023_x86_64_STANDARD",
        };
    }

    /// <summary>A GPU instance needs an NVIDIA AMI (a standard AMI has no driver) and an NVIDIA AMI wants GPU instances.</summary>
    private static void CheckHardware(ConfigCursor amiAt, string amiType, IReadOnlyList<string> instanceTypes)
    {
        var gpu = instanceTypes.Where(InstanceTypes.HasNvidiaGpu).ToList();
        var plain = instanceTypes.Where(type => !InstanceTypes.HasNvidiaGpu(type)).ToList();
        var architecture = AmiTypes.Architecture(amiType);
        if (gpu.Count > 0 && !AmiTypes.IsNvidia(amiType))
            amiAt.Error($"GPU instance types ({string.Join(", ", gpu)}) with AMI type {amiType}, which has no NVIDIA driver: "
                        + $"GPU pods would never start. Use amiType: {AmiTypes.NvidiaFor(architecture)}");
        if (AmiTypes.IsNvidia(amiType) && plain.Count > 0)
            amiAt.Error($"AMI type {amiType} is for NVIDIA GPU instances, but {string.Join(", ", plain)} has no NVIDIA GPU: "
                        + $"use a GPU instance type (g5, g6, p4d...) or a standard AMI type");
        var mismatched = instanceTypes.Where(type => (InstanceTypes.IsArm(type) ? "arm64" : "amd64") != architecture).ToList();
        if (mismatched.Count > 0)
            amiAt.Error($"AMI type {amiType} is for {architecture}, but {string.Join(", ", mismatched)} is not: nodes would fail to launch");
    }

    private static string CapacityType(ConfigCursor at)
    {
        var text = at.String() ?? "ON_DEMAND";
        switch (text.ToUpperInvariant().Replace('-', '_'))
        {
            case "ON_DEMAND": return "ON_DEMAND";
            case "SPOT": return "SPOT";
            default:
                at.Error($"capacity type \"{text}\" must be on-demand or spot");
                return "ON_DEMAND";
        }
    }

    private static ScalingSpec? Scaling(ConfigCursor at)
    {
        if (!at.Exists)
        {
            at.Error("scaling is required: {min, desired, max}");
            return null;
        }
        if (!at.ExpectMapping("min", "desired", "max"))
            return null;
        var min = at.Property("min").Int(0, 1000, required: true);
        var max = at.Property("max").Int(1, 1000, required: true);
        var desired = at.Property("desired").Int(0, 1000) ?? min;
        if (min is null || max is null || desired is null)
            return null;
        if (!(min <= desired && desired <= max))
        {
            at.Error($"scaling must satisfy min ≤ desired ≤ max (found min {min}, desired {desired}, max {max})");
            return null;
        }
        return new ScalingSpec(min.Value, desired.Value, max.Value);
    }

    private static UpdateSpec Update(ConfigCursor at)
    {
        if (!at.ExpectMapping("maxUnavailable", "maxUnavailablePercentage"))
            return new UpdateSpec(1, null);
        var count = at.Property("maxUnavailable").Int(1, 100);
        var percentage = at.Property("maxUnavailablePercentage").Int(1, 100);
        if (count is not null && percentage is not null)
            at.Error("set maxUnavailable or maxUnavailablePercentage, not both (EKS takes one)");
        return count is null && percentage is null ? new UpdateSpec(1, null) : new UpdateSpec(count, percentage);
    }

    private static IReadOnlyDictionary<string, string> Labels(ConfigCursor at)
    {
        var labels = at.StringMap();
        foreach (var (key, value) in labels)
        {
            var labelAt = at.Property(key);
            foreach (var message in EksRules.LabelKey(key).Concat(EksRules.LabelValue(key, value)))
                labelAt.Error(message);
        }
        return labels;
    }

    private static IReadOnlyList<Taint> Taints(ConfigCursor at)
    {
        var taints = new List<Taint>();
        var seen = new Dictionary<(string, string), string>();
        foreach (var item in at.Items())
        {
            if (!item.ExpectMapping("key", "value", "effect"))
                continue;
            var key = item.Property("key").RequiredString();
            var value = item.Property("value").String();
            var effect = item.Property("effect").RequiredString();
            foreach (var message in EksRules.TaintKey(key))
                item.Property("key").Error(message);
            if (value is not null)
            {
                foreach (var message in EksRules.TaintValue(key, value))
                    item.Property("value").Error(message);
            }
            if (effect.Length > 0 && EksRules.TaintEffect(effect) is { } effectError)
                item.Property("effect").Error(effectError);
            else if (effect.Length == 0 && item.Property("effect").Exists)
                item.Property("effect").Error("a taint's effect cannot be empty: write NoSchedule, PreferNoSchedule or NoExecute");
            if (seen.TryGetValue((key, effect), out var first))
                item.Error($"duplicate taint {key}:{effect} (also at {first}): EKS allows one taint per key and effect");
            else
                seen[(key, effect)] = item.Key;
            taints.Add(new Taint { Key = key, Value = string.IsNullOrEmpty(value) ? null : value, Effect = effect });
        }
        if (taints.Count > EksRules.MaxTaints)
            at.Error($"{taints.Count} taints: EKS allows at most {EksRules.MaxTaints} per node group");
        return taints;
    }
}
