using NodePools.Placement.Kubernetes;

namespace NodePools.Placement.Audit;

/// <summary>A node of the running cluster: the node as the scheduler sees it, and whether its kubelet reports Ready.</summary>
public sealed record LiveNode(Node Node, bool Ready)
{
    public string Name => Node.Metadata.Name ?? "";
    public IReadOnlyDictionary<string, string> Labels => Node.Metadata.Labels ?? [];
    public IReadOnlyList<Taint> Taints => Node.Spec?.Taints ?? [];
    public bool Cordoned => Node.Spec?.Unschedulable ?? false;
}

/// <summary>
/// A pod of the running cluster, kept small (a cluster holds many): where it runs or why it waits, what
/// made it, the two labels that name its workload, and its requests. Its spec is kept whole only while
/// it waits (the scheduler's reasons need it); a running pod keeps its placement fields, a finished one nothing.
/// </summary>
public sealed record LivePod(string Name, string Namespace, PodSpec Spec, string Phase)
{
    /// <summary>The pod's controller (its ReplicaSet, DaemonSet, Job...), or null for a bare pod.</summary>
    public OwnerReference? Owner { get; init; }

    /// <summary>The pod-template-hash label: a Deployment's ReplicaSet is named DEPLOYMENT-HASH.</summary>
    public string? TemplateHash { get; init; }

    /// <summary>The app.kubernetes.io/instance label: Helm charts set it to the release's name.</summary>
    public string? Instance { get; init; }

    /// <summary>The scheduler's message when its PodScheduled condition says Unschedulable.</summary>
    public string? UnschedulableMessage { get; init; }

    /// <summary>What it requests, in scheduling units (millicores for cpu).</summary>
    public IReadOnlyDictionary<string, long> Requests { get; init; } = new Dictionary<string, long>();

    public string? NodeName => string.IsNullOrEmpty(Spec.NodeName) ? null : Spec.NodeName;

    /// <summary>Succeeded and Failed pods hold no resources and run nowhere.</summary>
    public bool Terminated => Phase is "Succeeded" or "Failed";

    public bool Pending => NodeName is null && !Terminated;
}

/// <summary>A controller of the running cluster (ReplicaSet, Deployment, StatefulSet, DaemonSet, Job, CronJob).</summary>
public sealed record LiveController(string Kind, string Name, string Namespace, ClusterObjectMeta Metadata, PodTemplateSpec? Template)
{
    public OwnerReference? Controller => Metadata.Controller;
}

/// <summary>What an audit reads of a cluster: its nodes, its pods, and the controllers between pods and workloads.</summary>
public sealed record ClusterSnapshot(IReadOnlyList<LiveNode> Nodes, IReadOnlyList<LivePod> Pods, IReadOnlyDictionary<(string Namespace, string Kind, string Name), LiveController> Controllers)
{
    public LiveController? Controller(string @namespace, string kind, string name) =>
        Controllers.TryGetValue((@namespace, kind, name), out var controller) ? controller : null;
}
