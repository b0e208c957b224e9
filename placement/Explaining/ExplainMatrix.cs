using System.Text;
using System.Text.Json;
using NodePools.Placement.Input;
using NodePools.Placement.Kubernetes;
using NodePools.Placement.Manifests;
using NodePools.Placement.Scheduling;

namespace NodePools.Placement.Explaining;

/// <summary>
/// Every pod against every node, evaluated once per equivalence class: nodes alike in labels (but
/// their hostname), taints, allocatable and cordon; pods alike in everything placement reads (kind,
/// node name, node selector, node affinity, tolerations, host network, requests). A pod that names
/// nodes — nodeName, matchFields on metadata.name, a kubernetes.io/hostname term, as every pod of a
/// DaemonSet does — is evaluated per class against a node whose name it does not name, and against
/// each node it names on its own, so the verdicts are the scheduler's for every pair.
/// </summary>
public sealed class ExplainMatrix
{
    private readonly SchedulingNode[] _nodes;
    private readonly int[] _nodeClass;
    private readonly SchedulingNode[] _classNodes;
    private readonly int[] _classSizes;
    private readonly int[][] _classMembers;
    private readonly SchedulingPod[] _podClasses;
    private readonly HashSet<string>?[] _podNames;
    private readonly int[] _podClass;
    private readonly string[] _podNamesInOrder;
    private readonly PairVerdict?[][] _verdicts;
    private readonly Dictionary<(int PodClass, int Node), PairVerdict> _named = [];

    private ExplainMatrix(SchedulingNode[] nodes, int[] nodeClass, SchedulingNode[] classNodes, int[] classSizes,
        SchedulingPod[] podClasses, HashSet<string>?[] podNames, int[] podClass, string[] podNamesInOrder)
    {
        _nodes = nodes;
        _nodeClass = nodeClass;
        _classNodes = classNodes;
        _classSizes = classSizes;
        _classMembers = new int[classNodes.Length][];
        var filled = new int[classNodes.Length];
        for (var c = 0; c < classNodes.Length; c++)
            _classMembers[c] = new int[classSizes[c]];
        for (var n = 0; n < nodeClass.Length; n++)
            _classMembers[nodeClass[n]][filled[nodeClass[n]]++] = n;
        _podClasses = podClasses;
        _podNames = podNames;
        _podClass = podClass;
        _podNamesInOrder = podNamesInOrder;
        _verdicts = new PairVerdict?[podClasses.Length][];
    }

    public int NodeCount => _nodes.Length;
    public int PodCount => _podClass.Length;
    public int NodeClassCount => _classNodes.Length;
    public int PodClassCount => _podClasses.Length;

    public string NodeName(int node) => _nodes[node].Name;
    public string PodName(int pod) => _podNamesInOrder[pod];
    public int PodClassOf(int pod) => _podClass[pod];
    public SchedulingPod PodClass(int podClass) => _podClasses[podClass];
    public int NodeClassOf(int node) => _nodeClass[node];
    public int NodeClassSize(int nodeClass) => _classSizes[nodeClass];

    /// <summary>The nodes of a class, in input order.</summary>
    public IReadOnlyList<int> NodeClassMembers(int nodeClass) => _classMembers[nodeClass];

    public static ExplainMatrix Build(IReadOnlyList<Node> nodes, IReadOnlyList<PodSource> pods, SchedulingOptions options)
    {
        var schedulingNodes = new SchedulingNode[nodes.Count];
        var nodeClass = new int[nodes.Count];
        var classIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var classNodes = new List<SchedulingNode>();
        var classSizes = new List<int>();
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = SchedulingNode.From(nodes[i]);
            schedulingNodes[i] = node;
            var key = NodeKey(node);
            if (!classIndex.TryGetValue(key, out var index))
            {
                index = classNodes.Count;
                classIndex[key] = index;
                classNodes.Add(Anonymous(node));
                classSizes.Add(0);
            }
            nodeClass[i] = index;
            classSizes[index]++;
        }

        var podIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var podClasses = new List<SchedulingPod>();
        var podNames = new List<HashSet<string>?>();
        var podClass = new int[pods.Count];
        var names = new string[pods.Count];
        for (var i = 0; i < pods.Count; i++)
        {
            var source = pods[i];
            names[i] = source.Name;
            var key = PodKey(source);
            if (!podIndex.TryGetValue(key, out var index))
            {
                index = podClasses.Count;
                podIndex[key] = index;
                podClasses.Add(SchedulingPod.From(source.Name, source.Kind, source.Spec, options));
                podNames.Add(NamedNodes(source.Spec));
            }
            podClass[i] = index;
        }
        var matrix = new ExplainMatrix(schedulingNodes, nodeClass, [.. classNodes], [.. classSizes], [.. podClasses], [.. podNames], podClass, names);
        matrix.EvaluateNamed();
        return matrix;
    }

    /// <summary>The scheduler's verdict for a pod on a node.</summary>
    public PairVerdict Verdict(int pod, int node) => ClassVerdict(_podClass[pod], node);

    /// <summary>The verdict for a pod class on a node: the node's class verdict, unless the pod names this node.</summary>
    public PairVerdict ClassVerdict(int podClass, int node) =>
        _podNames[podClass] is not null && _named.TryGetValue((podClass, node), out var named) ? named : Row(podClass)[_nodeClass[node]]!.Value;

    /// <summary>The verdicts of a pod class against every node class (for nodes it does not name).</summary>
    public PairVerdict?[] Row(int podClass)
    {
        var row = _verdicts[podClass];
        if (row is not null)
            return row;
        row = new PairVerdict?[_classNodes.Length];
        var pod = _podClasses[podClass];
        for (var c = 0; c < _classNodes.Length; c++)
            row[c] = Scheduler.Evaluate(pod, _classNodes[c]);
        return _verdicts[podClass] = row;
    }

    /// <summary>The nodes a pod class names, each evaluated as itself.</summary>
    public IEnumerable<int> NamedNodes(int podClass) =>
        _named.Keys.Where(key => key.PodClass == podClass).Select(key => key.Node);

    private void EvaluateNamed()
    {
        if (_podNames.All(names => names is null))
            return;
        var byName = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < _nodes.Length; i++)
        {
            foreach (var name in new[] { _nodes[i].Name, _nodes[i].Labels.GetValueOrDefault(WellKnownLabels.Hostname) })
            {
                if (name is null)
                    continue;
                if (!byName.TryGetValue(name, out var list))
                    byName[name] = list = [];
                if (!list.Contains(i))
                    list.Add(i);
            }
        }
        for (var p = 0; p < _podClasses.Length; p++)
        {
            foreach (var name in _podNames[p] ?? [])
            {
                foreach (var node in byName.GetValueOrDefault(name) ?? [])
                    _named[(p, node)] = Scheduler.Evaluate(_podClasses[p], _nodes[node]);
            }
        }
    }

    /// <summary>Node names a pod's constraints mention: nodeName, matchFields values, hostname label values.</summary>
    private static HashSet<string>? NamedNodes(PodSpec spec)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(spec.NodeName))
            names.Add(spec.NodeName);
        if (spec.NodeSelector?.GetValueOrDefault(WellKnownLabels.Hostname) is { } selected)
            names.Add(selected);
        var affinity = spec.Affinity?.NodeAffinity;
        var terms = (affinity?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms ?? [])
            .Concat(affinity?.PreferredDuringSchedulingIgnoredDuringExecution?.Select(p => p.Preference) ?? []);
        var sensitive = names.Count > 0;
        foreach (var term in terms.OfType<NodeSelectorTerm>())
        {
            foreach (var field in term.MatchFields ?? [])
            {
                sensitive = true;
                names.UnionWith(field.Values ?? []);
            }
            foreach (var expression in (term.MatchExpressions ?? []).Where(e => e.Key == WellKnownLabels.Hostname))
            {
                sensitive = true;
                names.UnionWith(expression.Values ?? []);
            }
        }
        return sensitive ? names : null;
    }

    /// <summary>A class's stand-in: a name and hostname no pod can name, so only named nodes differ from it.</summary>
    private static SchedulingNode Anonymous(SchedulingNode node)
    {
        const string nobody = "\u0000nodepools-class-representative";
        var labels = new Dictionary<string, string>(node.Labels, StringComparer.Ordinal);
        if (labels.ContainsKey(WellKnownLabels.Hostname))
            labels[WellKnownLabels.Hostname] = nobody;
        return new SchedulingNode(nobody, labels, node.Taints, node.Unschedulable, node.Allocatable);
    }

    private static string NodeKey(SchedulingNode node)
    {
        var key = new StringBuilder();
        foreach (var (name, value) in node.Labels.Where(l => l.Key != WellKnownLabels.Hostname).OrderBy(l => l.Key, StringComparer.Ordinal))
            key.Append(name).Append('\u0001').Append(value).Append('\u0002');
        key.Append('\u0003');
        foreach (var taint in node.Taints)
            key.Append(taint.Key).Append('\u0001').Append(taint.Value).Append('\u0001').Append(taint.Effect).Append('\u0002');
        key.Append('\u0003').Append(node.Unschedulable ? '1' : '0').Append('\u0003');
        if (node.Allocatable is { } allocatable)
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

    /// <summary>Everything placement reads of a pod, as text: pods with equal keys get equal verdicts everywhere.</summary>
    private static string PodKey(PodSource pod)
    {
        var spec = pod.Spec;
        var placement = new PodSpec
        {
            NodeName = spec.NodeName,
            NodeSelector = spec.NodeSelector is null ? null : new Dictionary<string, string>(spec.NodeSelector.OrderBy(p => p.Key, StringComparer.Ordinal)),
            Affinity = spec.Affinity?.NodeAffinity is { } nodeAffinity ? new Affinity { NodeAffinity = nodeAffinity } : null,
            Tolerations = spec.Tolerations,
            HostNetwork = spec.HostNetwork,
        };
        var requests = ResourceFit.PodRequests(spec).OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}={r.Value}");
        var kind = pod.Kind == WorkloadKinds.DaemonSet ? WorkloadKinds.DaemonSet : "";
        return $"{kind}\u0003{JsonSerializer.Serialize(placement, KubernetesJsonContext.Default.PodSpec)}\u0003{string.Join(',', requests)}";
    }
}
