using System.Text;
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

    /// <summary>
    /// Everything the filters and scores read of a node but its name and hostname label, as text: nodes
    /// with equal keys give every pod the same verdict unless the pod names one of them, which `explain`
    /// evaluates apart. A property the scheduler starts to read must join the key (SchedulingKeyTests).
    /// </summary>
    public string EquivalenceKey()
    {
        var key = new StringBuilder();
        foreach (var (name, value) in Labels.Where(l => l.Key != WellKnownLabels.Hostname).OrderBy(l => l.Key, StringComparer.Ordinal))
            key.Append(name).Append('\u0001').Append(value).Append('\u0002');
        key.Append('\u0003');
        foreach (var taint in Taints)
            key.Append(taint.Key).Append('\u0001').Append(taint.Value).Append('\u0001').Append(taint.Effect).Append('\u0002');
        key.Append('\u0003').Append(Unschedulable ? '1' : '0').Append('\u0003');
        if (Allocatable is { } allocatable)
        {
            foreach (var (name, value) in allocatable.OrderBy(a => a.Key, StringComparer.Ordinal))
                key.Append(name).Append('\u0001').Append(value).Append('\u0002');
        }
        else
        {
            key.Append('-');
        }
        return key.ToString();
    }
}
