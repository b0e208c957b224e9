using NodePools.Placement.Kubernetes;

namespace NodePools.Placement.Manifests;

/// <summary>A pod to place: a Pod's spec, or the pod template of a workload, with where it came from.</summary>
public sealed record PodSource(string Name, string Kind, PodSpec Spec)
{
    /// <summary>metadata.namespace as written, or null.</summary>
    public string? Namespace { get; init; }
}
