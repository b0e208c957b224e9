using System.Text.Json.Nodes;
using NodePools.Placement.Kubernetes;
using NodePools.Placement.Input;

namespace NodePools.Placement.Workloads;

/// <summary>Where a workload comes from: an object the chart installs, a hook, a helm test pod, or a runtime's pod template.</summary>
public enum WorkloadOrigin
{
    /// <summary>A Deployment, StatefulSet, DaemonSet, Job... installed with the release.</summary>
    Object,

    /// <summary>A Helm hook (pre-install Job...): it runs during install or upgrade.</summary>
    Hook,

    /// <summary>A helm test pod: it runs only when someone runs helm test.</summary>
    Test,

    /// <summary>A pod template a runtime reads from a ConfigMap (Tekton's config-defaults, Flyte's plugins.k8s defaults).</summary>
    RuntimeTemplate,

    /// <summary>A workload an operator makes from a custom resource the chart renders (a KnativeServing's Deployments).</summary>
    Operator,
}

/// <summary>
/// One pod-producing thing a release renders, with the pod spec the scheduler will see. Placement
/// fields are also kept as written (JSON), so markers can be found wherever a chart put them.
/// </summary>
public sealed record Workload(
    string Id,
    string SchedulingKind,
    WorkloadOrigin Origin,
    string Source,
    PodSpec Spec,
    JsonObject PlacementFields,
    IReadOnlyList<DuplicateKey> PlacementDuplicates)
{
    /// <summary>The pod spec keys placement is written to.</summary>
    public static readonly IReadOnlyList<string> PlacementKeys = ["affinity", "tolerations", "nodeSelector"];

    /// <summary>A note on what a runtime reads of its template (e.g. only nodeSelector and tolerations).</summary>
    public string? Note { get; init; }

    /// <summary>The helm.sh/hook annotation of a hook or test (pre-install, test...); for an operator's workload, its resource's.</summary>
    public string? Hook { get; init; }

    /// <summary>Pods the object runs at once: spec.replicas of a Deployment, StatefulSet or ReplicaSet (1 when unset), an operator's count for its workloads, else 1.</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>The custom resource an operator made this workload from (KnativeServing/serving), or null.</summary>
    public string? From { get; init; }

    /// <summary>The namespace the object is rendered in, or null for the release's; an operator's workload is in its resource's.</summary>
    public string? Namespace { get; init; }

    /// <summary>The controller's kind and name as the cluster shows them (an id renamed with its resource keeps its last two parts).</summary>
    public (string Kind, string Name) ClusterName =>
        Id.Split('/') is { Length: >= 2 } parts ? (parts[^2], parts[^1]) : (SchedulingKind, Id);

    public bool IsDaemonSet => SchedulingKind == Scheduling.WorkloadKinds.DaemonSet;

    /// <summary>The JSON text of one placement field (affinity, tolerations, nodeSelector), or "" when absent.</summary>
    public string PlacementText(string key) => PlacementFields[key]?.ToJsonString() ?? "";
}
