namespace NodePools.Placement.Kubernetes;

/// <summary>
/// An object of a running cluster as `kubectl get nodes,pods,... -o json` writes it, bound to the few
/// fields an audit reads: a Node's taints, cordon, conditions and allocatable; a Pod's spec, node,
/// phase and scheduling condition; a controller's owner, Helm annotations and pod template. One shape
/// for every kind, so a List mixing them is read in one pass. Settable, not init: the source-generated
/// reader sets init-only properties through a constructor-argument cache, markedly slower over a
/// cluster's pods.
/// </summary>
public sealed record ClusterObject
{
    public string? Kind { get; set; }
    public ClusterObjectMeta Metadata { get; set => field = value ?? new(); } = new();
    public ClusterObjectSpec? Spec { get; set; }
    public ClusterObjectStatus? Status { get; set; }
}

/// <summary>A running object's metadata: besides name and labels, Helm's release annotations and the controller that made it.</summary>
public sealed record ClusterObjectMeta
{
    public string? Name { get; set; }
    public string? Namespace { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public Dictionary<string, string>? Annotations { get; set; }
    public List<OwnerReference>? OwnerReferences { get; set; }

    /// <summary>The controller among the owners (controller: true), else the first owner. Not part of the JSON.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public OwnerReference? Controller => OwnerReferences?.FirstOrDefault(owner => owner.Controller == true) ?? OwnerReferences?.FirstOrDefault();
}

/// <summary>A meta/v1 OwnerReference: only what finds an object's controller.</summary>
public sealed record OwnerReference
{
    public string? Kind { get; set; }
    public string? Name { get; set; }
    public bool? Controller { get; set; }
}

/// <summary>A Pod's spec (nodeName included), a Node's (taints, cordon) and a controller's (its template), in one shape.</summary>
public sealed record ClusterObjectSpec : PodSpec
{
    public bool Unschedulable { get; set; }
    public List<Taint>? Taints { get; set; }
    public PodTemplateSpec? Template { get; set; }
}

public sealed record ClusterObjectStatus
{
    /// <summary>A Pod's phase: Pending, Running, Succeeded, Failed, Unknown.</summary>
    public string? Phase { get; set; }

    public List<ObjectCondition>? Conditions { get; set; }

    /// <summary>A Node's allocatable resources.</summary>
    public Dictionary<string, string>? Allocatable { get; set; }
}

/// <summary>A status condition: a Node's Ready, a Pod's PodScheduled (reason Unschedulable, with the scheduler's message).</summary>
public sealed record ObjectCondition
{
    public string? Type { get; set; }
    public string? Status { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
}
