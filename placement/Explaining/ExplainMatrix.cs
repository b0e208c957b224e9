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
    private readonly (int Node, PairVerdict Verdict)[]?[] _named;
    private readonly int[] _podClass;
    private readonly string[] _podNamesInOrder;
    private readonly PairVerdict?[][] _verdicts;

    private ExplainMatrix(SchedulingNode[] nodes, int[] nodeClass, SchedulingNode[] classNodes, int[] classSizes,
        SchedulingPod[] podClasses, (int Node, PairVerdict Verdict)[]?[] named, int[] podClass, string[] podNamesInOrder)
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
        _named = named;
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
            var key = node.EquivalenceKey();
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
        var podClass = new int[pods.Count];
        var names = new string[pods.Count];
        var named = new (int Node, PairVerdict Verdict)[]?[pods.Count];
        NodeNames? nodesByName = null;
        var bound = new Dictionary<int, SchedulingPod>();
        var boundVerdicts = new Dictionary<(int PodClass, int NodeClass), PairVerdict>();
        // A pod that names nodes is classed without the names: against every node it does not name it
        // behaves as a pod naming none of them; the nodes it names are evaluated with the pod itself.
        for (var i = 0; i < pods.Count; i++)
        {
            var source = pods[i];
            names[i] = source.Name;
            var nodeNames = NamedNodes(source.Spec);
            var spec = nodeNames is null ? source.Spec : Anonymous(source.Spec);
            var key = SchedulingPod.EquivalenceKey(source.Kind, spec);
            if (!podIndex.TryGetValue(key, out var index))
            {
                index = podClasses.Count;
                podIndex[key] = index;
                podClasses.Add(SchedulingPod.From(source.Name, source.Kind, spec, options));
            }
            podClass[i] = index;
            if (nodeNames is null)
                continue;
            nodesByName ??= new NodeNames(schedulingNodes);
            if (OnlyNodeName(source.Spec))
            {
                // A bound pod (nodeName, as every pod of a live cluster): on its node it is its class
                // without the nodeName, and that verdict is the same for every node of the node's class.
                if (!bound.TryGetValue(index, out var boundPod))
                    bound[index] = boundPod = SchedulingPod.From(source.Name, source.Kind, spec with { NodeName = null }, options);
                // Only the nodes of that metadata.name: a node whose hostname alone is that name refuses
                // the pod (NodeName), as its class does.
                named[i] = nodesByName.WithName(source.Spec.NodeName!).Select(node =>
                {
                    var key = (index, nodeClass[node]);
                    if (!boundVerdicts.TryGetValue(key, out var verdict))
                        boundVerdicts[key] = verdict = Scheduler.Evaluate(boundPod, classNodes[nodeClass[node]]);
                    return (node, verdict);
                }).ToArray();
                continue;
            }
            var pod = SchedulingPod.From(source.Name, source.Kind, source.Spec, options);
            named[i] = nodesByName.Named(nodeNames)
                .Select(node => (node, Scheduler.Evaluate(pod, schedulingNodes[node]))).ToArray();
        }
        return new ExplainMatrix(schedulingNodes, nodeClass, [.. classNodes], [.. classSizes], [.. podClasses], named, podClass, names);
    }

    /// <summary>The scheduler's verdict for a pod on a node.</summary>
    public PairVerdict Verdict(int pod, int node)
    {
        if (_named[pod] is { } named)
        {
            foreach (var (namedNode, verdict) in named)
            {
                if (namedNode == node)
                    return verdict;
            }
        }
        return Row(_podClass[pod])[_nodeClass[node]]!.Value;
    }

    /// <summary>Whether the pod has verdicts of its own (it names nodes).</summary>
    public bool NamesNodes(int pod) => _named[pod] is not null;

    /// <summary>The nodes a pod names, with its verdict on each.</summary>
    public IReadOnlyList<(int Node, PairVerdict Verdict)> NamedNodes(int pod) => _named[pod] ?? [];

    /// <summary>The verdicts of a pod class against every node class (for the nodes a pod of the class does not name).</summary>
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

    // Valid names and label values (an invalid one would void the pod's whole term), which no node
    // and no pod of a real cluster uses: a pod's names become Nobody, a class's stand-in is ClassNode.
    private const string Nobody = "nodepools-no-such-node";
    private const string ClassNode = "nodepools-class-representative";

    /// <summary>The pod with every node name it mentions replaced by one no node has.</summary>
    private static PodSpec Anonymous(PodSpec spec)
    {
        static NodeSelectorTerm? Term(NodeSelectorTerm? term) => term is null ? null : term with
        {
            MatchFields = term.MatchFields?.Select(f => f with { Values = f.Values?.Select(_ => Nobody).ToList() }).ToList(),
            MatchExpressions = term.MatchExpressions?.Select(e => e.Key == WellKnownLabels.Hostname ? e with { Values = e.Values?.Select(_ => Nobody).ToList() } : e).ToList(),
        };
        var nodeAffinity = spec.Affinity?.NodeAffinity;
        return spec with
        {
            NodeName = string.IsNullOrEmpty(spec.NodeName) ? spec.NodeName : Nobody,
            NodeSelector = spec.NodeSelector?.ToDictionary(p => p.Key, p => p.Key == WellKnownLabels.Hostname ? Nobody : p.Value),
            Affinity = nodeAffinity is null ? spec.Affinity : spec.Affinity! with
            {
                NodeAffinity = nodeAffinity with
                {
                    RequiredDuringSchedulingIgnoredDuringExecution = nodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution is { } required
                        ? required with { NodeSelectorTerms = required.NodeSelectorTerms?.Select(t => Term(t)!).ToList() }
                        : null,
                    PreferredDuringSchedulingIgnoredDuringExecution = nodeAffinity.PreferredDuringSchedulingIgnoredDuringExecution?
                        .Select(p => p with { Preference = Term(p.Preference)! }).ToList(),
                },
            },
        };
    }

    /// <summary>Whether nodeName is the only way the pod names nodes (its affinity and selector name none).</summary>
    private static bool OnlyNodeName(PodSpec spec)
    {
        if (string.IsNullOrEmpty(spec.NodeName) || spec.NodeSelector?.ContainsKey(WellKnownLabels.Hostname) == true)
            return false;
        var affinity = spec.Affinity?.NodeAffinity;
        var terms = (affinity?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms ?? [])
            .Concat(affinity?.PreferredDuringSchedulingIgnoredDuringExecution?.Select(p => p.Preference) ?? []);
        return !terms.OfType<NodeSelectorTerm>().Any(term => term.MatchFields is { Count: > 0 }
            || term.MatchExpressions?.Any(e => e.Key == WellKnownLabels.Hostname) == true);
    }

    /// <summary>Node names a pod's constraints mention (nodeName, matchFields values, hostname label values), or null when it mentions none.</summary>
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
        var labels = new Dictionary<string, string>(node.Labels, StringComparer.Ordinal);
        if (labels.ContainsKey(WellKnownLabels.Hostname))
            labels[WellKnownLabels.Hostname] = ClassNode;
        return new SchedulingNode(ClassNode, labels, node.Taints, node.Unschedulable, node.Allocatable);
    }
}
