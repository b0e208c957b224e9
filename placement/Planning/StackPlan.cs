using System.Text.Json.Nodes;
using NodePools.Placement.Declaration;
using NodePools.Placement.Kubernetes;
using NodePools.Placement.Scheduling;
using NodePools.Placement.Facts;

namespace NodePools.Placement.Planning;

/// <summary>
/// Everything derived from a declaration: per pool its node group settings and node template, per
/// release its final values, per slot its placement and the pod it describes. The Pulumi layer and
/// every later stage read this; none of them derive anything again.
/// </summary>
public sealed record StackPlan(
    StackDeclaration Declaration,
    IReadOnlyList<PoolPlan> Pools,
    IReadOnlyList<ReleasePlan> Releases,
    IReadOnlyList<PodTemplateConfigMapPlan> PodTemplates)
{
    public IEnumerable<SlotPlan> Slots => Releases.SelectMany(release => release.Slots).Concat(PodTemplates.Select(template => template.Slot));

    public PoolPlan Pool(string name) => Pools.First(pool => pool.Spec.Name == name);
}

/// <summary>One pool: the node group to create and the node it stands for in the simulation.</summary>
public sealed record PoolPlan(PoolSpec Spec, SchedulingNode NodeTemplate)
{
    public string Name => Spec.Name;

    /// <summary>Taints as the EKS API spells them (NO_SCHEDULE, PREFER_NO_SCHEDULE, NO_EXECUTE).</summary>
    public IReadOnlyList<EksTaint> EksTaints { get; } = Spec.Taints.Select(EksTaint.From).ToList();

    /// <summary>Whether any instance type carries an NVIDIA GPU.</summary>
    public bool HasGpuInstances => Spec.InstanceTypes.Any(InstanceTypes.HasNvidiaGpu);
}

public sealed record EksTaint(string Key, string? Value, string Effect)
{
    /// <summary>key=value:EFFECT, in the EKS spelling.</summary>
    public override string ToString() => Taint.Format(Key, Value, Effect);

    public static EksTaint From(Taint taint) => new(taint.Key, taint.Value, EksSpelling.TaintEffect(taint.Effect));
}

/// <summary>One Helm release with its final values: the user's values plus every slot's placement.</summary>
public sealed record ReleasePlan(ReleaseSpec Spec, JsonObject Values, IReadOnlyList<SlotPlan> Slots)
{
    public string Name => Spec.Name;

    /// <summary>
    /// Pools whose node groups must exist before this release: those its intents name (labels before
    /// affinity) and those its acknowledged workloads run on (a Deployment with no node never becomes ready).
    /// </summary>
    public IReadOnlyList<string> TargetPools { get; } = Spec.NamedPools.ToList();

    /// <summary>The release's patches as they apply to what it renders, in declaration order (one per <see cref="ReleaseSpec.Patches"/>).</summary>
    public IReadOnlyList<ManifestPatch> Patches { get; init; } = [];

    /// <summary>The values as plain dictionaries, lists and scalars, for APIs that take object trees.</summary>
    public IDictionary<string, object?> ValuesTree() => PlainValues.From(Values);
}

/// <summary>A standalone pod template in a ConfigMap, and the YAML written into it.</summary>
public sealed record PodTemplateConfigMapPlan(PodTemplateConfigMapSpec Spec, string TemplateYaml, SlotPlan Slot)
{
    public IReadOnlyList<string> TargetPools { get; } = Spec.Intent.NamedPools.Distinct().ToList();
}

/// <summary>One slot: the placement derived from its intent, and the pod it describes to the simulation.</summary>
public sealed record SlotPlan(string Id, SlotSpec Spec, DerivedPlacement Placement, SchedulingPod Pod);

/// <summary>What is written into values for one slot.</summary>
public sealed record DerivedPlacement(Affinity? Affinity, IReadOnlyList<Toleration> Tolerations, IReadOnlyDictionary<string, string>? NodeSelector);
