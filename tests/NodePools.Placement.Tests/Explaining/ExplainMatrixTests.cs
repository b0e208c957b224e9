using System.Text.Json;
using NodePools.Placement.Explaining;
using NodePools.Placement.Kubernetes;
using NodePools.Placement.Manifests;
using NodePools.Placement.Scheduling;

namespace NodePools.Placement.Tests.Explaining;

/// <summary>Evaluating by equivalence class gives, for every pair, exactly the scheduler's verdict.</summary>
public class ExplainMatrixTests
{
    /// <summary>
    /// How a cluster names its nodes: hostnames apart from names (every name names one node once), or
    /// a node's hostname label equal to its name, as on EKS and in every `kubectl get nodes` output, or
    /// equal to the next node's name (a name that names one node by metadata.name and another by hostname).
    /// </summary>
    public enum Naming { HostnamesApart, HostnameIsName, HostnameIsTheNextName }

    private static string Hostname(Naming naming, int node) => naming switch
    {
        Naming.HostnameIsName => $"node-{node}",
        Naming.HostnameIsTheNextName => $"node-{node + 1}",
        _ => $"host-{node}",
    };

    /// <summary>Nodes of three shapes, many alike.</summary>
    private static List<Node> Nodes(int count, Random random, Naming naming = Naming.HostnamesApart)
    {
        var nodes = new List<Node>();
        for (var i = 0; i < count; i++)
        {
            var shape = random.Next(3);
            var labels = new Dictionary<string, string>
            {
                [WellKnownLabels.Hostname] = Hostname(naming, i),
                ["pool"] = shape == 0 ? "a" : "b",
                [WellKnownLabels.Zone] = random.Next(2) == 0 ? "z1" : "z2",
            };
            nodes.Add(new Node
            {
                Metadata = new ObjectMeta { Name = $"node-{i}", Labels = labels },
                Spec = new NodeSpec { Unschedulable = i % 17 == 0, Taints = shape == 2 ? [new Taint { Key = "gpu", Effect = TaintEffects.NoSchedule }] : null },
                Status = shape == 1 ? new NodeStatus { Allocatable = new() { ["cpu"] = "2", ["pods"] = "10" } } : null,
            });
        }
        return nodes;
    }

    /// <summary>Pods that name nodes in every way a pod can (a bound DaemonSet pod both ways), and pods that do not.</summary>
    private static List<PodSource> Pods(int count, int nodes, Random random, Naming naming = Naming.HostnamesApart)
    {
        var pods = new List<PodSource>();
        for (var i = 0; i < count; i++)
        {
            var target = $"node-{random.Next(nodes)}";
            var spec = (i % 8) switch
            {
                0 => new PodSpec { NodeName = target },
                1 => new PodSpec { Affinity = Required(new NodeSelectorTerm { MatchFields = [new() { Key = "metadata.name", Operator = NodeSelectorOperators.In, Values = [target] }] }) },
                2 => new PodSpec { NodeSelector = new() { [WellKnownLabels.Hostname] = Hostname(naming, random.Next(nodes)) } },
                3 => new PodSpec { Affinity = Required(new NodeSelectorTerm { MatchExpressions = [new() { Key = WellKnownLabels.Hostname, Operator = NodeSelectorOperators.NotIn, Values = [Hostname(naming, random.Next(nodes))] }] }) },
                4 => new PodSpec { Tolerations = [new Toleration { Key = "gpu", Operator = TolerationOperators.Exists }], NodeSelector = new() { ["pool"] = "b" } },
                5 => new PodSpec { Containers = [new Container { Name = "c", Resources = new() { Requests = new() { ["cpu"] = random.Next(2) == 0 ? "1" : "3" } } }] },
                6 => new PodSpec { Affinity = new Affinity { NodeAffinity = new NodeAffinity { PreferredDuringSchedulingIgnoredDuringExecution = [new() { Weight = 40, Preference = new() { MatchExpressions = [new() { Key = WellKnownLabels.Zone, Operator = NodeSelectorOperators.In, Values = ["z2"] }] } }] } } },
                _ => new PodSpec { NodeName = target, Affinity = Required(new NodeSelectorTerm { MatchFields = [new() { Key = "metadata.name", Operator = NodeSelectorOperators.In, Values = [target] }] }) },
            };
            pods.Add(new PodSource($"pod-{i}", i % 5 == 0 ? WorkloadKinds.DaemonSet : WorkloadKinds.Pod, spec));
        }
        return pods;
    }

    private static Affinity Required(NodeSelectorTerm term) =>
        new() { NodeAffinity = new NodeAffinity { RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector { NodeSelectorTerms = [term] } } };

    public static TheoryData<int> Seeds => new(Enumerable.Range(1, 6));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_pair_gets_exactly_the_schedulers_verdict(int seed)
    {
        var random = new Random(seed);
        var nodes = Nodes(60, random);
        var pods = Pods(120, nodes.Count, random);
        var matrix = ExplainMatrix.Build(nodes, pods, SchedulingOptions.Eks);
        Assert.True(matrix.NodeClassCount < nodes.Count / 3, $"{matrix.NodeClassCount} node classes for {nodes.Count} nodes");

        var direct = Explainer.Explain(nodes, pods, SchedulingOptions.Eks);
        for (var p = 0; p < pods.Count; p++)
        {
            for (var n = 0; n < nodes.Count; n++)
            {
                var expected = direct[p * nodes.Count + n];
                var verdict = matrix.Verdict(p, n);
                Assert.Equal((expected.Schedulable, expected.PreferredScore, expected.UntoleratedPreferNoSchedule), (verdict.Schedulable, verdict.PreferredScore, verdict.UntoleratedPreferNoSchedule));
                Assert.Equal(expected.Reasons, verdict.Reasons());
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_streamed_pairs_are_the_pairs(int seed)
    {
        var random = new Random(seed);
        var nodes = Nodes(12, random);
        var pods = Pods(20, nodes.Count, random);
        using var stream = new MemoryStream();
        ExplainJson.WritePairs(stream, ExplainMatrix.Build(nodes, pods, SchedulingOptions.Eks));
        var streamed = JsonDocument.Parse(stream.ToArray()).RootElement.EnumerateArray().ToList();
        var direct = Explainer.Explain(nodes, pods, SchedulingOptions.Eks);
        Assert.Equal(direct.Count, streamed.Count);
        for (var i = 0; i < direct.Count; i++)
        {
            Assert.Equal(direct[i].Pod, streamed[i].GetProperty("pod").GetString());
            Assert.Equal(direct[i].Node, streamed[i].GetProperty("node").GetString());
            Assert.Equal(direct[i].Schedulable, streamed[i].GetProperty("schedulable").GetBoolean());
            Assert.Equal(direct[i].Reasons, streamed[i].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!));
            Assert.Equal(direct[i].PreferredScore, streamed[i].GetProperty("preferredScore").GetInt32());
        }
    }

    /// <summary>Every naming, six seeds each: bound pods, DaemonSet pods (matchFields) and hostname terms on either.</summary>
    public static TheoryData<Naming, int> Clusters => new(
        Enum.GetValues<Naming>().SelectMany(naming => Enumerable.Range(1, 6).Select(seed => (naming, seed))));

    [Theory]
    [MemberData(nameof(Clusters))]
    public void Every_pair_of_either_naming_gets_exactly_the_schedulers_verdict(Naming naming, int seed)
    {
        var random = new Random(seed);
        var nodes = Nodes(40, random, naming);
        var pods = Pods(60, nodes.Count, random, naming);
        var matrix = ExplainMatrix.Build(nodes, pods, SchedulingOptions.Eks);
        var direct = Explainer.Explain(nodes, pods, SchedulingOptions.Eks);
        for (var p = 0; p < pods.Count; p++)
        {
            for (var n = 0; n < nodes.Count; n++)
                Assert.Equal(direct[p * nodes.Count + n].Reasons, matrix.Verdict(p, n).Reasons());
        }
    }

    [Theory]
    [MemberData(nameof(Clusters))]
    public void A_summary_counts_and_ranks_as_the_pairs_say(Naming naming, int seed)
    {
        var random = new Random(seed);
        var nodes = Nodes(40, random, naming);
        var pods = Pods(60, nodes.Count, random, naming);
        var matrix = ExplainMatrix.Build(nodes, pods, SchedulingOptions.Eks);
        var direct = Explainer.Explain(nodes, pods, SchedulingOptions.Eks);
        var cache = new PodSummary?[matrix.PodClassCount];
        using var stream = new MemoryStream();
        ExplainJson.WriteSummaries(stream, matrix);
        var streamed = JsonDocument.Parse(stream.ToArray()).RootElement.EnumerateArray().ToList();
        Assert.Equal(pods.Count, streamed.Count);
        for (var p = 0; p < pods.Count; p++)
        {
            var expected = DirectSummary(direct.Skip(p * nodes.Count).Take(nodes.Count).ToList());
            foreach (var summary in new[] { PodSummary.Of(matrix, p), PodSummary.For(matrix, p, cache), Streamed(streamed[p]) })
            {
                Assert.Equal(expected.SchedulableNodes, summary.SchedulableNodes);
                Assert.Equal(expected.BestNodes, summary.BestNodes);
                Assert.Equal(expected.Reasons.OrderBy(r => r.Key, StringComparer.Ordinal), summary.Reasons.OrderBy(r => r.Key, StringComparer.Ordinal));
            }
        }
    }

    /// <summary>A bound pod on a node whose hostname is its name: one node fits, the others refuse it once each.</summary>
    [Theory]
    [InlineData(Naming.HostnameIsName)]
    [InlineData(Naming.HostnamesApart)]
    [InlineData(Naming.HostnameIsTheNextName)]
    public void A_bound_pod_is_counted_once_on_its_node(Naming naming)
    {
        var nodes = Nodes(10, new Random(3), naming).Select(n => n with { Spec = null, Status = null }).ToList();
        var matrix = ExplainMatrix.Build(nodes, [new PodSource("bound", WorkloadKinds.Pod, new PodSpec { NodeName = "node-4" })], SchedulingOptions.Eks);
        var summary = PodSummary.Of(matrix, 0);
        Assert.Equal(1, summary.SchedulableNodes);
        Assert.Equal(["node-4"], summary.BestNodes);
        Assert.Equal(new Dictionary<string, int> { [Scheduler.NodeNameReason] = 9 }, summary.Reasons);
    }

    /// <summary>The summary a pod's pairs give when counted one by one: the contract the classes must keep.</summary>
    internal static PodSummary DirectSummary(IReadOnlyList<PairExplanation> pairs)
    {
        var best = pairs.Select((pair, index) => (pair, index)).Where(x => x.pair.Schedulable)
            .OrderByDescending(x => x.pair.PreferredScore).ThenBy(x => x.pair.UntoleratedPreferNoSchedule).ThenBy(x => x.index)
            .Take(PodSummary.BestCount).Select(x => x.pair.Node).ToList();
        var reasons = pairs.Where(pair => !pair.Schedulable).SelectMany(pair => pair.Reasons).GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());
        return new PodSummary(pairs.Count(pair => pair.Schedulable), best, reasons);
    }

    private static PodSummary Streamed(JsonElement summary) => new(
        summary.GetProperty("schedulableNodes").GetInt32(),
        summary.GetProperty("bestNodes").EnumerateArray().Select(n => n.GetString()!).ToList(),
        summary.GetProperty("reasons").EnumerateObject().ToDictionary(r => r.Name, r => r.Value.GetInt32()));
}
