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

/// <summary>A pod of the running cluster: where it runs (or why it waits) and what made it.</summary>
public sealed record LivePod(string Name, string Namespace, ObjectMeta Metadata, PodSpec Spec, string Phase)
{
    /// <summary>The scheduler's message when its PodScheduled condition says Unschedulable.</summary>
    public string? UnschedulableMessage { get; init; }

    public string? NodeName => string.IsNullOrEmpty(Spec.NodeName) ? null : Spec.NodeName;

    /// <summary>Succeeded and Failed pods hold no resources and run nowhere.</summary>
    public bool Terminated => Phase is "Succeeded" or "Failed";

    public bool Pending => NodeName is null && !Terminated;

    public OwnerReference? Controller => Metadata.OwnerReferences?.FirstOrDefault(owner => owner.Controller == true) ?? Metadata.OwnerReferences?.FirstOrDefault();
}

/// <summary>A controller of the running cluster (ReplicaSet, Deployment, StatefulSet, DaemonSet, Job, CronJob).</summary>
public sealed record LiveController(string Kind, string Name, string Namespace, ObjectMeta Metadata, PodTemplateSpec? Template)
{
    public OwnerReference? Controller => Metadata.OwnerReferences?.FirstOrDefault(owner => owner.Controller == true) ?? Metadata.OwnerReferences?.FirstOrDefault();
}

/// <summary>What an audit reads of a cluster: its nodes, its pods, and the controllers between pods and workloads.</summary>
public sealed record ClusterSnapshot(IReadOnlyList<LiveNode> Nodes, IReadOnlyList<LivePod> Pods, IReadOnlyDictionary<(string Namespace, string Kind, string Name), LiveController> Controllers)
{
    public LiveController? Controller(string @namespace, string kind, string name) =>
        Controllers.TryGetValue((@namespace, kind, name), out var controller) ? controller : null;
}
