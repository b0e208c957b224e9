using NodePools.Placement.Kubernetes;

namespace NodePools.Placement.Scheduling;

/// <summary>A node as the scheduler filters it: name, labels, taints, cordon, allocatable resources.</summary>
public sealed class SchedulingNode
{
    public SchedulingNode(string name, IReadOnlyDictionary<string, string> labels, IReadOnlyList<Taint> taints, bool unschedulable = false,
        IReadOnlyDictionary<string, long>? allocatable = null)
    {
        Name = name;
        Labels = labels;
        Taints = taints;
        Unschedulable = unschedulable;
        Allocatable = allocatable;
    }

    public string Name { get; }
    public IReadOnlyDictionary<string, string> Labels { get; }
    public IReadOnlyList<Taint> Taints { get; }
    public bool Unschedulable { get; }

    /// <summary>Allocatable resources in scheduling units, when the node states them; null skips the resource filter.</summary>
    public IReadOnlyDictionary<string, long>? Allocatable { get; }

    public static SchedulingNode From(Node node) => new(
        node.Metadata.Name ?? "",
        node.Metadata.Labels is { } labels ? new Dictionary<string, string>(labels, StringComparer.Ordinal) : new Dictionary<string, string>(StringComparer.Ordinal),
        node.Spec?.Taints?.ToArray() ?? [],
        node.Spec?.Unschedulable ?? false,
        ResourceFit.Allocatable(node));
}
