namespace NodePools.Placement.Kubernetes;

/// <summary>
/// An object of a running cluster as `kubectl get nodes,pods,... -o json` writes it, bound to the few
/// fields an audit reads: a Node's taints, cordon, conditions and allocatable; a Pod's spec, node,
/// phase and scheduling condition; a controller's owner, Helm annotations and pod template. One shape
/// for every kind, so a List mixing them is read in one pass.
/// </summary>
public sealed record ClusterObject
{
    public string? Kind { get; init; }
    public ClusterObjectMeta Metadata { get; set => field = value ?? new(); } = new();
    public ClusterObjectSpec? Spec { get; init; }
    public ClusterObjectStatus? Status { get; init; }
}

/// <summary>A running object's metadata: besides name and labels, Helm's release annotations and the controller that made it.</summary>
public sealed record ClusterObjectMeta
{
    public string? Name { get; init; }
    public string? Namespace { get; init; }
    public Dictionary<string, string>? Labels { get; init; }
    public Dictionary<string, string>? Annotations { get; init; }
    public List<OwnerReference>? OwnerReferences { get; init; }

    /// <summary>The controller among the owners (controller: true), else the first owner.</summary>
    public OwnerReference? Controller => OwnerReferences?.FirstOrDefault(owner => owner.Controller == true) ?? OwnerReferences?.FirstOrDefault();
}

/// <summary>A meta/v1 OwnerReference: only what finds an object's controller.</summary>
public sealed record OwnerReference
{
    public string? Kind { get; init; }
    public string? Name { get; init; }
    public bool? Controller { get; init; }
}

/// <summary>A Pod's spec (nodeName included), a Node's (taints, cordon) and a controller's (its template), in one shape.</summary>
public sealed record ClusterObjectSpec : PodSpec
{
    public bool Unschedulable { get; init; }
    public List<Taint>? Taints { get; init; }
    public PodTemplateSpec? Template { get; init; }
}

public sealed record ClusterObjectStatus
{
    /// <summary>A Pod's phase: Pending, Running, Succeeded, Failed, Unknown.</summary>
    public string? Phase { get; init; }

    public List<ObjectCondition>? Conditions { get; init; }

    /// <summary>A Node's allocatable resources.</summary>
    public Dictionary<string, string>? Allocatable { get; init; }
}

/// <summary>A status condition: a Node's Ready, a Pod's PodScheduled (reason Unschedulable, with the scheduler's message).</summary>
public sealed record ObjectCondition
{
    public string? Type { get; init; }
    public string? Status { get; init; }
    public string? Reason { get; init; }
    public string? Message { get; init; }
}
