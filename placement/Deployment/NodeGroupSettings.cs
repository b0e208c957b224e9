using NodePools.Placement.Declaration;
using NodePools.Placement.Planning;
using NodePools.Placement.Facts;

namespace NodePools.Placement.Deployment;

/// <summary>
/// Everything a managed node group is created with, decided here so the Pulumi component only
/// copies it: names, scaling, update policy, labels, taints in EKS spelling, and what to ignore.
/// </summary>
public sealed record NodeGroupSettings(
    string NamePrefix,
    IReadOnlyList<string> InstanceTypes,
    string AmiType,
    string CapacityType,
    ScalingSpec Scaling,
    int? MaxUnavailable,
    int? MaxUnavailablePercentage,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<EksTaint> Taints,
    IReadOnlyDictionary<string, string> Tags,
    bool Protect,
    IReadOnlyList<string> IgnoreChanges,
    LaunchTemplateSettings LaunchTemplate,
    string KubernetesVersion,
    string? AmiReleaseVersion)
{
    /// <summary>The provider property path of the desired size, ignored after creation where the autoscaler owns it.</summary>
    public const string DesiredSizeProperty = "scalingConfig.desiredSize";

    /// <summary>
    /// The desired size is the autoscaler's once it runs and the pool may scale: a deployment would
    /// otherwise reset it and terminate nodes at once. Without an autoscaler, the stack owns it.
    /// </summary>
    public static bool IgnoresDesiredSize(PoolSpec pool, bool autoscalerRuns) =>
        pool.IgnoreDesiredSizeChanges ?? (autoscalerRuns && pool.Scaling.Min < pool.Scaling.Max);

    public static NodeGroupSettings For(PoolPlan pool, StackDeclaration declaration)
    {
        var cluster = declaration.Cluster;
        var spec = pool.Spec;
        var tags = new SortedDictionary<string, string>(cluster.Tags.ToDictionary(), StringComparer.Ordinal);
        foreach (var (key, value) in spec.Tags)
            tags[key] = value;
        tags["node-pools/pool"] = spec.Name;
        return new NodeGroupSettings(
            // A prefix, not a fixed name: a replacement can then be created before the old group is deleted.
            $"{spec.Name}-",
            spec.InstanceTypes,
            spec.AmiType,
            spec.CapacityType,
            spec.Scaling,
            spec.Update.MaxUnavailable,
            spec.Update.MaxUnavailablePercentage,
            new SortedDictionary<string, string>(spec.Labels.ToDictionary(), StringComparer.Ordinal),
            pool.EksTaints,
            tags,
            spec.Protect,
            IgnoresDesiredSize(spec, declaration.AutoscalerRuns) ? [DesiredSizeProperty] : [],
            LaunchTemplateSettings.For(spec),
            // Node groups follow the cluster's version: a version bump upgrades them after the control plane.
            cluster.Version,
            spec.AmiReleaseVersion);
    }
}

/// <summary>
/// The launch template of a pool: IMDSv2 only with a hop limit of 1 (pods cannot reach the node
/// role's credentials) and the root volume. No user data, so label and taint edits stay in place.
/// </summary>
public sealed record LaunchTemplateSettings(
    string NamePrefix,
    string HttpEndpoint,
    string HttpTokens,
    int HttpPutResponseHopLimit,
    string DeviceName,
    int VolumeSize,
    string VolumeType,
    bool Encrypted)
{
    public static LaunchTemplateSettings For(PoolSpec pool) => new(
        $"{pool.Name}-",
        HttpEndpoint: "enabled",
        HttpTokens: "required",
        HttpPutResponseHopLimit: 1,
        // Bottlerocket boots from a small OS volume; workloads and images live on the second one.
        DeviceName: pool.AmiType.StartsWith("BOTTLEROCKET", StringComparison.Ordinal) ? "/dev/xvdb" : "/dev/xvda",
        VolumeSize: pool.DiskSize,
        VolumeType: "gp3",
        Encrypted: true);
}
