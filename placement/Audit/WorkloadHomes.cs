using NodePools.Placement.Declaration;
using NodePools.Placement.Deployment;
using NodePools.Placement.Planning;
using NodePools.Placement.Scheduling;
using NodePools.Placement.Verdicts;

namespace NodePools.Placement.Audit;

/// <summary>How a live workload was matched to what the stack declares.</summary>
public enum HomeSource
{
    /// <summary>A workload its release's chart renders (or its operator makes): held to that workload's own pools.</summary>
    Rendered,

    /// <summary>Helm's release annotations or labels: held to every pool its release places anything on.</summary>
    HelmLabels,

    /// <summary>A pod a runtime made (a Tekton TaskRun's, a Flyte task's): held to the pools of the stack's runtime templates.</summary>
    RuntimeTemplate,

    /// <summary>An EKS add-on the stack installs outside Helm (aws-node, kube-proxy, CoreDNS, EBS CSI).</summary>
    Addon,
}

/// <summary>Who a live workload belongs to and the pools it belongs on.</summary>
public sealed record WorkloadHome(string Owner, IReadOnlySet<string> Pools, HomeSource Source);

/// <summary>
/// Finds, for each workload running in the cluster, what the stack says about it: the rendered workloads
/// of its releases by namespace, kind and name (operator-made ones included); where a release was not
/// rendered, Helm's release annotations on the workload (meta.helm.sh/release-name) or the pod's
/// app.kubernetes.io/instance label; pods of custom resources, the runtimes' pods; and the EKS add-ons.
/// </summary>
public sealed class WorkloadHomes
{
    public const string ReleaseNameAnnotation = "meta.helm.sh/release-name";
    public const string ReleaseNamespaceAnnotation = "meta.helm.sh/release-namespace";
    public const string InstanceLabel = "app.kubernetes.io/instance";
    public const string AddonNamespace = "kube-system";

    private readonly StackPlan _plan;
    private readonly Dictionary<WorkloadRef, WorkloadHome> _rendered = [];
    private readonly Dictionary<(string Kind, string Name), WorkloadHome> _addons = [];
    private readonly Dictionary<string, WorkloadHome> _releaseHomes = [];
    private readonly Dictionary<string, WorkloadHome> _releaseDaemonSetHomes = [];
    private readonly WorkloadHome? _runtime;

    private WorkloadHomes(StackPlan plan, RenderedEvaluation? rendered)
    {
        _plan = plan;
        var allPools = plan.Pools.Select(pool => pool.Name).ToHashSet();
        foreach (var addon in AddonPods.All.Where(addon => addon.DaemonSet))
            _addons[("DaemonSet", addon.Name.Split('/')[^1])] = new WorkloadHome("EKS add-on", allPools, HomeSource.Addon);
        foreach (var addon in AddonPlacement.All(plan))
        {
            var (kind, name) = (addon.Workload.Split('/')[0], addon.Workload.Split('/')[1]);
            var fits = PoolVerdicts.Fitting(SchedulingPod.From(addon.Workload, kind, addon.Pod, SchedulingOptions.Eks), plan.Pools);
            _addons[(kind, name)] = new WorkloadHome($"EKS add-on {addon.Addon}", fits.ToHashSet(), HomeSource.Addon);
        }
        foreach (var placement in rendered?.Deployed ?? [])
        {
            var (kind, name) = placement.Workload.ClusterName;
            var key = new WorkloadRef(placement.Workload.Namespace ?? placement.Release.Spec.Namespace, kind, name);
            _rendered[key] = new WorkloadHome(placement.Release.Name, placement.HomePools, HomeSource.Rendered);
        }
        foreach (var release in plan.Releases)
        {
            _releaseHomes[release.Name] = new WorkloadHome(release.Name, ReleasePools(release, daemonSet: false), HomeSource.HelmLabels);
            _releaseDaemonSetHomes[release.Name] = new WorkloadHome(release.Name, ReleasePools(release, daemonSet: true), HomeSource.HelmLabels);
        }
        var runtimePools = plan.Slots.Where(slot => slot.Spec.Style != SlotStyle.Standard)
            .SelectMany(slot => IntendedPools.Of(slot, plan)).ToHashSet();
        if (runtimePools.Count > 0)
            _runtime = new WorkloadHome("runtime templates", runtimePools, HomeSource.RuntimeTemplate);
    }

    public static WorkloadHomes Build(StackPlan plan, RenderedEvaluation? rendered) => new(plan, rendered);

    /// <summary>What the stack says about a workload, or null when nothing of the stack runs it.</summary>
    public WorkloadHome? Of(WorkloadRef workload, LivePod? pod, ClusterSnapshot snapshot)
    {
        if (workload.Namespace == AddonNamespace && _addons.TryGetValue((workload.Kind, workload.Name), out var addon))
            return addon;
        if (_rendered.TryGetValue(workload, out var rendered))
            return rendered;
        if (Release(workload, pod, snapshot) is { } release)
            return (workload.Kind == "DaemonSet" ? _releaseDaemonSetHomes : _releaseHomes)[release.Name];
        if (!SnapshotReader.ControllerKinds.Contains(workload.Kind) && workload.Kind != "Pod" && _runtime is not null)
            return _runtime;
        return null;
    }

    /// <summary>The release Helm says installed the workload: its controller's annotations, else the pod's instance label in the release's namespace.</summary>
    private ReleasePlan? Release(WorkloadRef workload, LivePod? pod, ClusterSnapshot snapshot)
    {
        var annotations = LiveOwners.Controller(workload, snapshot)?.Metadata.Annotations;
        if (annotations?.TryGetValue(ReleaseNameAnnotation, out var name) == true)
        {
            var @namespace = annotations.TryGetValue(ReleaseNamespaceAnnotation, out var ns) ? ns : workload.Namespace;
            return _plan.Releases.FirstOrDefault(release => release.Name == name && release.Spec.Namespace == @namespace);
        }
        return pod?.Instance is { Length: > 0 } instance
            ? _plan.Releases.FirstOrDefault(release => release.Name == instance && release.Spec.Namespace == pod.Namespace)
            : null;
    }

    /// <summary>Every pool a release places anything on: its intent's, its slots', its acknowledgements' and its patches'.</summary>
    private HashSet<string> ReleasePools(ReleasePlan release, bool daemonSet)
    {
        var pools = new HashSet<string>(StringComparer.Ordinal);
        if (!release.Spec.Intent.IsEmpty || release.Slots.Count == 0)
            pools.UnionWith(IntendedPools.Of(release.Spec.Intent, _plan, daemonSet));
        foreach (var slot in release.Slots)
            pools.UnionWith(IntendedPools.Of(slot, _plan));
        foreach (var acknowledgement in release.Spec.Acknowledgements)
            pools.UnionWith(acknowledgement.Pools);
        foreach (var patch in release.Spec.Patches)
        {
            if (patch.Intent is { } intent)
                pools.UnionWith(IntendedPools.Of(intent, _plan, daemonSet));
        }
        return pools;
    }
}
