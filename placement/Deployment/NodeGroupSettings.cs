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
    /// <summary>The Cluster Autoscaler's scale-from-zero template tag for a node's ephemeral storage.</summary>
    public const string EphemeralStorageTag = "k8s.io/cluster-autoscaler/node-template/resources/ephemeral-storage";

    /// <summary>What EKS puts on the nodes: the pool's labels, and on GPU pools the accelerator the Cluster Autoscaler recognises them by.</summary>
    public static IReadOnlyDictionary<string, string> NodeLabels(PoolSpec pool)
    {
        var labels = new SortedDictionary<string, string>(pool.Labels.ToDictionary(), StringComparer.Ordinal);
        if (NodeTemplates.PoolAccelerator(pool) is { } accelerator)
            labels.TryAdd(Kubernetes.WellKnownLabels.AwsAccelerator, accelerator);
        return labels;
    }

    /// <summary>
    /// The tags an instance and its volumes carry: a node group's own tags reach neither (EKS tags only
    /// the node group), so cost allocation and ownership need them in the launch template. The
    /// autoscaler's template tags are for the Auto Scaling group, not for instances.
    /// </summary>
    private static IReadOnlyDictionary<string, string> InstanceTags(ClusterSpec cluster, PoolSpec pool, IReadOnlyDictionary<string, string> tags)
    {
        var instance = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["Name"] = $"{cluster.Name}-{pool.Name}" };
        foreach (var (key, value) in tags.Where(tag => !tag.Key.StartsWith(AutoscalerTemplatePrefix, StringComparison.Ordinal)))
            instance[key] = value;
        return instance;
    }

    /// <summary>Tags the Cluster Autoscaler reads a node group's template from (on its Auto Scaling group).</summary>
    public const string AutoscalerTemplatePrefix = "k8s.io/cluster-autoscaler/node-template/";

    /// <summary>The node group's tags that belong on its Auto Scaling group too: EKS does not copy a node group's tags there.</summary>
    public IEnumerable<KeyValuePair<string, string>> AutoScalingGroupTags => Tags.Where(tag => tag.Key.StartsWith(AutoscalerTemplatePrefix, StringComparison.Ordinal));

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
        // A pool the autoscaler grows from zero: it reads a node's ephemeral storage only from this tag,
        // so pods that request disk would otherwise never scale the pool up.
        if (IgnoresDesiredSize(spec, declaration.AutoscalerRuns) && InstanceCatalog.Allocatable(spec.InstanceTypes[0], spec.DiskSize, false) is { } allocatable)
            tags[EphemeralStorageTag] = allocatable["ephemeral-storage"];
        return new NodeGroupSettings(
            // A prefix, not a fixed name: a replacement can then be created before the old group is deleted.
            $"{spec.Name}-",
            spec.InstanceTypes,
            spec.AmiType,
            spec.CapacityType,
            spec.Scaling,
            spec.Update.MaxUnavailable,
            spec.Update.MaxUnavailablePercentage,
            NodeLabels(spec),
            pool.EksTaints,
            tags,
            spec.Protect,
            IgnoresDesiredSize(spec, declaration.AutoscalerRuns) ? [DesiredSizeProperty] : [],
            LaunchTemplateSettings.For(spec, InstanceTags(cluster, spec, tags)),
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
    bool Encrypted,
    IReadOnlyDictionary<string, string> InstanceTags)
{
    /// <summary>What the launch template's tag specifications tag at launch.</summary>
    public static readonly IReadOnlyList<string> TaggedResources = ["instance", "volume"];

    public static LaunchTemplateSettings For(PoolSpec pool, IReadOnlyDictionary<string, string> instanceTags) => new(
        $"{pool.Name}-",
        HttpEndpoint: "enabled",
        HttpTokens: "required",
        HttpPutResponseHopLimit: 1,
        // Bottlerocket boots from a small OS volume; workloads and images live on the second one.
        DeviceName: pool.AmiType.StartsWith("BOTTLEROCKET", StringComparison.Ordinal) ? "/dev/xvdb" : "/dev/xvda",
        VolumeSize: pool.DiskSize,
        VolumeType: "gp3",
        Encrypted: true,
        InstanceTags: instanceTags);
}
