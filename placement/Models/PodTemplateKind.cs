using NodePools.Placement.Scheduling;

namespace NodePools.Placement.Models;

/// <summary>A Kubernetes kind whose objects carry a pod spec, and the path to it.</summary>
public sealed record PodTemplateKind(string Kind, IReadOnlyList<string> SpecPath)
{
    /// <summary>The path as written in messages: spec.template.spec.</summary>
    public string SpecPathText => string.Join('.', SpecPath);

    /// <summary>DaemonSet pods get the DaemonSet controller's tolerations and run once per node.</summary>
    public bool IsDaemonSet => Kind == WorkloadKinds.DaemonSet;
}
