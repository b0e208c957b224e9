using System.Text.Json.Nodes;
using NodePools.Placement.Kubernetes;
using NodePools.Placement.Facts;

namespace NodePools.Placement.Declaration;

/// <summary>
/// The one declaration of a stack: its cluster, pools, releases and standalone pod templates, as
/// written under the project's namespace in Pulumi.&lt;stack&gt;.yaml. Everything else is derived.
/// </summary>
public sealed record StackDeclaration
{
    public required string Project { get; init; }
    public required string Stack { get; init; }

    /// <summary>The file the declaration was read from (for messages).</summary>
    public required string Source { get; init; }

    public required ClusterSpec Cluster { get; init; }

    /// <summary>Pools in declaration order.</summary>
    public required IReadOnlyList<PoolSpec> Pools { get; init; }

    public required IReadOnlyList<ReleaseSpec> Releases { get; init; }
    public required IReadOnlyList<PodTemplateConfigMapSpec> PodTemplates { get; init; }

    /// <summary>Whether the Cluster Autoscaler runs (it is then one of <see cref="Releases"/>).</summary>
    public bool AutoscalerRuns => Releases.Any(release => release.Name == AutoscalerSpec.ReleaseName && release.Namespace == AutoscalerSpec.Namespace && release.Chart == AutoscalerSpec.Chart);

    public PoolSpec? FindPool(string name) => Pools.FirstOrDefault(pool => pool.Name == name);
}

/// <summary>The EKS cluster the pools join.</summary>
public sealed record ClusterSpec
{
    /// <summary>How many zones a created VPC spans (its address plan holds six).</summary>
    public const int MinZones = 2;
    public const int MaxZones = 6;

    public required string Name { get; init; }

    /// <summary>Kubernetes minor version, e.g. "1.33".</summary>
    public required string Version { get; init; }

    /// <summary>An existing network; null creates a minimal VPC.</summary>
    public NetworkSpec? Network { get; init; }

    public const string NatPerZone = "perZone";
    public const string NatSingle = "single";

    /// <summary>Availability zones by name; empty means the region's first <see cref="ZoneCount"/> available ones.</summary>
    public IReadOnlyList<string> AvailabilityZones { get; init; } = [];

    /// <summary>How many zones to use when they are discovered.</summary>
    public int ZoneCount { get; init; } = 3;

    /// <summary>Zone IDs never used, on top of those EKS refuses.</summary>
    public IReadOnlyList<string> ExcludeZoneIds { get; init; } = [];

    /// <summary>NAT gateways of the created VPC: one per zone, or a single one.</summary>
    public string NatGateways { get; init; } = NatPerZone;

    /// <summary>Whether the Kubernetes API endpoint is reachable from the internet.</summary>
    public bool PublicEndpoint { get; init; } = true;

    /// <summary>Where the public endpoint may be reached from; empty means anywhere.</summary>
    public IReadOnlyList<string> PublicAccessCidrs { get; init; } = [];

    /// <summary>Protects the cluster from deletion: EKS deletion protection and Pulumi's protect.</summary>
    public bool Protect { get; init; }

    /// <summary>The EKS-optimized Amazon Linux AMI release the node groups run, e.g. 1.33.5-20251120; null takes the latest at creation.</summary>
    public string? AmiReleaseVersion { get; init; }

    /// <summary>The AWS region, when the stack names it: aws:region, its zones, or the environment (<see cref="StackRegion"/>).</summary>
    public string? Region { get; init; }

    public AutoscalerSpec Autoscaler { get; init; } = new();

    /// <summary>The control plane's logs in CloudWatch, and how long they are kept; null ships none.</summary>
    public ControlPlaneLogsSpec? Logs { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Who may use the Kubernetes API besides the identity that created the cluster: EKS access
    /// entries, so CI and workstations both work whichever of them created it.
    /// </summary>
    public IReadOnlyList<AccessSpec> Access { get; init; } = [];
}

/// <summary>Control-plane log types EKS ships to CloudWatch (/aws/eks/CLUSTER/cluster), kept for a number of days.</summary>
public sealed record ControlPlaneLogsSpec(IReadOnlyList<string> Types, int RetentionDays)
{
    public static readonly IReadOnlyList<string> AllTypes = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

    /// <summary>The retention periods CloudWatch Logs accepts.</summary>
    public static readonly IReadOnlyList<int> RetentionPeriods =
        [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

    /// <summary>The log group EKS writes to; the stack creates it first, to set its retention.</summary>
    public static string LogGroupName(string cluster) => $"/aws/eks/{cluster}/cluster";
}

/// <summary>The Cluster Autoscaler: deployed when any pool may scale, unless disabled.</summary>
public sealed record AutoscalerSpec
{
    public const string ReleaseName = "cluster-autoscaler";
    public const string Namespace = "kube-system";
    public const string ServiceAccount = "cluster-autoscaler";
    public const string Chart = "cluster-autoscaler";
    public const string Repository = "https://kubernetes.github.io/autoscaler";
    public const string DefaultChartVersion = "9.51.0";

    /// <summary>Explicitly on or off; null deploys it when a pool's min is below its max.</summary>
    public bool? Enabled { get; init; }

    /// <summary>The pool it runs on; null takes the first pool without a blocking taint.</summary>
    public string? Pool { get; init; }

    public string ChartVersion { get; init; } = DefaultChartVersion;
}

/// <summary>An IAM principal and what it may do: admin (cluster admin) or view (read-only).</summary>
public sealed record AccessSpec(string PrincipalArn, string Level)
{
    public const string Admin = "admin";
    public const string View = "view";

    /// <summary>The EKS access policy the level grants, cluster-wide.</summary>
    public string PolicyArn => Level == Admin
        ? "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"
        : "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy";
}

public sealed record NetworkSpec(string VpcId, IReadOnlyList<string> SubnetIds);

/// <summary>Scaling of a managed node group. Desired size is only the starting point: autoscalers own it afterwards.</summary>
public sealed record ScalingSpec(int Min, int Desired, int Max);

/// <summary>How many nodes an update may take down at once: a count or a percentage.</summary>
public sealed record UpdateSpec(int? MaxUnavailable, int? MaxUnavailablePercentage);

/// <summary>One EKS managed node group.</summary>
public sealed record PoolSpec
{
    /// <summary>The capacity types, in the EKS spelling.</summary>
    public const string OnDemand = "ON_DEMAND";
    public const string Spot = "SPOT";

    public required string Name { get; init; }
    public required IReadOnlyList<string> InstanceTypes { get; init; }

    /// <summary>EKS AMI type, e.g. AL2023_x86_64_STANDARD, AL2023_x86_64_NVIDIA, BOTTLEROCKET_ARM_64.</summary>
    public required string AmiType { get; init; }

    /// <summary>ON_DEMAND or SPOT (EKS spelling).</summary>
    public required string CapacityType { get; init; }

    public required ScalingSpec Scaling { get; init; }

    /// <summary>Root volume size in GiB, set through the launch template.</summary>
    public required int DiskSize { get; init; }

    /// <summary>The pool's own labels: its identity, which derived node affinity selects on.</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    /// <summary>Taints in Kubernetes spelling (NoSchedule, PreferNoSchedule, NoExecute).</summary>
    public required IReadOnlyList<Taint> Taints { get; init; }

    public required UpdateSpec Update { get; init; }

    /// <summary>Stateful pool: protected from deletion, never scaled down by a deployment.</summary>
    public required bool Protect { get; init; }

    /// <summary>Leave desiredSize to the autoscaler after creation; null decides by whether it runs and the pool may scale.</summary>
    public bool? IgnoreDesiredSizeChanges { get; init; }

    /// <summary>The AMI release version, overriding the cluster's for this pool (Bottlerocket pools need their own).</summary>
    public string? AmiReleaseVersion { get; init; }

    /// <summary>Subnets for this pool only; empty means the cluster's.</summary>
    public IReadOnlyList<string> SubnetIds { get; init; } = [];

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

/// <summary>One Helm release and the pod templates (slots) placement is written into.</summary>
public sealed record ReleaseSpec
{
    public required string Name { get; init; }
    public required string Chart { get; init; }
    public required string Repository { get; init; }
    public required string Version { get; init; }
    public required string Namespace { get; init; }

    /// <summary>The user's own chart values; derived placement is merged into a copy.</summary>
    public required JsonObject Values { get; init; }

    public required IReadOnlyList<SlotSpec> Slots { get; init; }

    /// <summary>The release-wide intent: the default for slots that state none. Empty when not declared.</summary>
    public IntentSpec Intent { get; init; } = new();

    /// <summary>Rendered workloads no values path can place, and the pool each runs on instead.</summary>
    public IReadOnlyList<AcknowledgementSpec> Acknowledgements { get; init; } = [];

    /// <summary>Changes to rendered objects the chart exposes no values for, applied by Helm's post-renderer and by the check alike.</summary>
    public IReadOnlyList<PatchSpec> Patches { get; init; } = [];

    /// <summary>
    /// Chart values that are Pulumi secrets, by dotted values path. From the stack file they hold a
    /// placeholder (plans and renders never see the secret); in the program they hold the decrypted
    /// value, and the release's values reach Helm as a secret output.
    /// </summary>
    public IReadOnlyDictionary<string, string> SecretValues { get; init; } = new Dictionary<string, string>();

    /// <summary>The values paths given as secrets.</summary>
    public IReadOnlyList<string> SecretPaths => SecretValues.Keys.ToList();

    /// <summary>How Helm installs the release: how long it waits, what it does on failure, what it waits for.</summary>
    public InstallSpec Install { get; init; } = new();

    /// <summary>Every pool the release's intents (of its slots and patches) and acknowledgements name.</summary>
    public IEnumerable<string> NamedPools =>
        Intent.NamedPools.Concat(Slots.SelectMany(slot => slot.Intent.NamedPools)).Concat(Acknowledgements.SelectMany(a => a.Pools))
            .Concat(Patches.SelectMany(patch => patch.Intent?.NamedPools ?? [])).Distinct();
}

/// <summary>
/// How a release is installed. Helm waits for the release's workloads to become ready (unless
/// <see cref="SkipAwait"/>) for at most <see cref="TimeoutSeconds"/>; <see cref="Atomic"/> rolls a
/// failed install back, <see cref="CleanupOnFail"/> removes what a failed upgrade created; a release
/// is installed after the releases it names in <see cref="DependsOn"/> (a GPU workload after the
/// device plugin, an application after the chart of its CRDs).
/// </summary>
public sealed record InstallSpec
{
    public const int DefaultTimeoutSeconds = 600;

    public int TimeoutSeconds { get; init; } = DefaultTimeoutSeconds;
    public bool Atomic { get; init; }
    public bool CleanupOnFail { get; init; }
    public bool SkipAwait { get; init; }

    /// <summary>
    /// A stateful release: a deployment may not uninstall it (Pulumi protect), and removing it from
    /// the stack or destroying the stack leaves it installed, with its volumes, on the cluster.
    /// </summary>
    public bool Protect { get; init; }
    public IReadOnlyList<string> DependsOn { get; init; } = [];
}

/// <summary>
/// A rendered workload that no values path of its chart can place (a hard-coded hook Job, an
/// operator's pod), accepted to run on the pools named here instead. The check holds it to them.
/// </summary>
public sealed record AcknowledgementSpec
{
    /// <summary>KIND/NAME as rendered, e.g. Job/argocd-redis-secret-init.</summary>
    public required string Workload { get; init; }

    /// <summary>The pools it runs on instead (it must land on one of them and nowhere else).</summary>
    public required IReadOnlyList<string> Pools { get; init; }

    /// <summary>Why it cannot be placed, for reviewers.</summary>
    public string? Reason { get; init; }
}

/// <summary>How a chart reads placement at a slot's path (docs/design.md, slot styles).</summary>
public enum SlotStyle
{
    /// <summary>PATH.affinity, PATH.tolerations (and PATH.nodeSelector when asked).</summary>
    Standard,

    /// <summary>PATH.default-affinity, PATH.default-tolerations (Flyte propeller k8s plugin).</summary>
    FlyteDefaults,

    /// <summary>PATH is a YAML string holding affinity and tolerations, and nodeSelector when asked (Tekton default-pod-template).</summary>
    PodTemplate,
}

/// <summary>One pod template inside a release.</summary>
public sealed record SlotSpec
{
    /// <summary>Dotted values path; "" is the root of the values.</summary>
    public required string Path { get; init; }

    public required SlotStyle Style { get; init; }
    public required IntentSpec Intent { get; init; }

    /// <summary>A DaemonSet must run on every node of the pools it targets (all pools when its intent names none).</summary>
    public bool DaemonSet { get; init; }

    /// <summary>Replicas the chart runs for this slot (for the anti-affinity capacity check).</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>Required pod anti-affinity on kubernetes.io/hostname: at most one replica per node.</summary>
    public bool SpreadAcrossNodes { get; init; }

    /// <summary>Labels of the slot's pods, which the anti-affinity selects on.</summary>
    public IReadOnlyDictionary<string, string> PodLabels { get; init; } = new Dictionary<string, string>();

    /// <summary>Resource requests of the slot's pods (e.g. nvidia.com/gpu).</summary>
    public IReadOnlyDictionary<string, string> Requests { get; init; } = new Dictionary<string, string>();

    /// <summary>Also write a nodeSelector (the pool's labels), for charts or runtimes that only honour that.</summary>
    public bool NodeSelector { get; init; }

    /// <summary>
    /// Write node affinity (the default). False for charts that hard-code a pod's affinity after the
    /// user's (duplicate keys: theirs wins): the slot then places by nodeSelector and tolerations only.
    /// </summary>
    public bool Affinity { get; init; } = true;

    /// <summary>Merge derived placement into values the user wrote at the same keys, instead of refusing them.</summary>
    public bool Merge { get; init; }
}

/// <summary>
/// What a slot wants. <see cref="Pools"/> is a hard requirement (one of them: a log shipper on two
/// pools names both); <see cref="Prefer"/> and <see cref="Avoid"/> only rank pools;
/// <see cref="Tolerations"/> are extra, written as given.
/// </summary>
public sealed record IntentSpec
{
    /// <summary>Required pools: the pod must land on one of them. Empty: no requirement.</summary>
    public IReadOnlyList<string> Pools { get; init; } = [];
    public IReadOnlyList<WeightedPool> Prefer { get; init; } = [];
    public IReadOnlyList<WeightedPool> Avoid { get; init; } = [];
    public IReadOnlyList<Toleration> Tolerations { get; init; } = [];

    /// <summary>Every pool this intent names.</summary>
    public IEnumerable<string> NamedPools =>
        Pools.Concat(Prefer.Select(p => p.Pool)).Concat(Avoid.Select(p => p.Pool));

    /// <summary>Whether the intent requires a pool.</summary>
    public bool IsRequired => Pools.Count > 0;

    /// <summary>Whether the intent says nothing at all.</summary>
    public bool IsEmpty => Pools.Count == 0 && Prefer.Count == 0 && Avoid.Count == 0 && Tolerations.Count == 0;

    // Records compare lists by reference; intents are compared by what they say.
    public bool Equals(IntentSpec? other) =>
        other is not null && Pools.SequenceEqual(other.Pools) && Prefer.SequenceEqual(other.Prefer)
        && Avoid.SequenceEqual(other.Avoid) && Tolerations.SequenceEqual(other.Tolerations);

    public override int GetHashCode() => HashCode.Combine(Pools.Count, Prefer.Count, Avoid.Count, Tolerations.Count);
}

public sealed record WeightedPool(string Pool, int Weight);

/// <summary>A pod template in a ConfigMap, outside any chart (Dispatch's per-repository template).</summary>
public sealed record PodTemplateConfigMapSpec
{
    /// <summary>The ConfigMap's name.</summary>
    public required string Name { get; init; }

    public required string Namespace { get; init; }

    /// <summary>The ConfigMap data key holding the template (Dispatch: --pod-template-config-map-key).</summary>
    public required string Key { get; init; }

    public required IntentSpec Intent { get; init; }
}
