using NodePools.Placement.Kubernetes;
using NodePools.Placement.Scheduling;

namespace NodePools.Placement.Explaining;

/// <summary>
/// The nodes a name can refer to: by metadata.name (nodeName, matchFields) and by the
/// kubernetes.io/hostname label. Kept apart, because on EKS both are the same string for one node
/// (merged, that node would be listed, evaluated and counted twice) and because nodeName selects by
/// metadata.name only.
/// </summary>
internal sealed class NodeNames
{
    private readonly Dictionary<string, List<int>> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _byHostname = new(StringComparer.Ordinal);

    public NodeNames(IReadOnlyList<SchedulingNode> nodes)
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            Add(_byName, nodes[i].Name, i);
            if (nodes[i].Labels.GetValueOrDefault(WellKnownLabels.Hostname) is { } hostname)
                Add(_byHostname, hostname, i);
        }
    }

    /// <summary>The nodes whose metadata.name is <paramref name="name"/>, in input order.</summary>
    public IReadOnlyList<int> WithName(string name) => _byName.GetValueOrDefault(name) ?? [];

    /// <summary>Every node any of <paramref name="names"/> refers to, by name or hostname, each once, in input order.</summary>
    public int[] Named(IEnumerable<string> names)
    {
        var nodes = new SortedSet<int>();
        foreach (var name in names)
        {
            nodes.UnionWith(_byName.GetValueOrDefault(name) ?? []);
            nodes.UnionWith(_byHostname.GetValueOrDefault(name) ?? []);
        }
        return [.. nodes];
    }

    private static void Add(Dictionary<string, List<int>> index, string name, int node)
    {
        if (!index.TryGetValue(name, out var nodes))
            index[name] = nodes = [];
        nodes.Add(node);
    }
}
