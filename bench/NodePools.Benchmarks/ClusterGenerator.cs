using NodePools.Placement.Kubernetes;
using NodePools.Placement.Facts;

namespace NodePools.Benchmarks;

/// <summary>
/// A deterministic, realistic cluster: nodes from five EKS pools (labels EKS and the kubelet set,
/// pool labels, pool taints) and pod templates that target them the ways charts do.
/// </summary>
public static class ClusterGenerator
{
    private sealed record PoolShape(string Name, string[] InstanceTypes, (string Key, string Value)[] Labels, Taint[] Taints);

    private static readonly PoolShape[] Pools =
    [
        new("services", ["m6i.large", "m6i.xlarge"], [("union.ai/node-role", "services")], [Taint("union.ai/node-role", "services", TaintEffects.NoSchedule)]),
        new("worker", ["c6i.2xlarge", "c6i.4xlarge"], [("union.ai/node-role", "worker")], [Taint("union.ai/node-role", "worker", TaintEffects.NoSchedule)]),
        new("gpu", ["g5.xlarge", "g5.2xlarge"], [("gpu", "true")], [Taint("workload", "high-resource", TaintEffects.NoSchedule)]),
        new("data-store", ["r7g.xlarge"], [("data-store", "true")], [Taint("workload", "data-store", TaintEffects.NoSchedule), Taint("maintenance", null, TaintEffects.PreferNoSchedule)]),
        new("dispatch", ["m6i.2xlarge"], [("dispatch", "true")], [Taint("dispatch", "true", TaintEffects.NoExecute)]),
    ];

    private static readonly string[] Zones = ["us-east-1a", "us-east-1b", "us-east-1c"];

    public static List<Node> Nodes(int count, int seed = 42)
    {
        var random = new Random(seed);
        var nodes = new List<Node>(count);
        for (var i = 0; i < count; i++)
        {
            var pool = Pools[i % Pools.Length];
            var name = $"ip-10-0-{i / 250}-{i % 250}.ec2.internal";
            var labels = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [WellKnownLabels.Hostname] = name,
                [WellKnownLabels.Os] = "linux",
                [WellKnownLabels.Arch] = pool.Name == "data-store" ? "arm64" : "amd64",
                [WellKnownLabels.InstanceType] = pool.InstanceTypes[random.Next(pool.InstanceTypes.Length)],
                [WellKnownLabels.Zone] = Zones[random.Next(Zones.Length)],
                [WellKnownLabels.EksNodegroup] = pool.Name,
                [WellKnownLabels.EksCapacityType] = random.Next(4) == 0 ? "SPOT" : "ON_DEMAND",
                ["cores"] = (2 << random.Next(4)).ToString(),
            };
            foreach (var (key, value) in pool.Labels)
                labels[key] = value;
            nodes.Add(new Node { Metadata = new ObjectMeta { Name = name, Labels = labels }, Spec = new NodeSpec { Taints = [.. pool.Taints] } });
        }
        return nodes;
    }

    public static List<PodSpec> Pods(int count, int seed = 7)
    {
        var random = new Random(seed);
        var pods = new List<PodSpec>(count);
        for (var i = 0; i < count; i++)
        {
            var pool = Pools[random.Next(Pools.Length)];
            pods.Add((i % 6) switch
            {
                0 or 1 => PinnedTo(pool),
                2 => PinnedTo(pool) with { Affinity = WithPreference(PinnedTo(pool).Affinity!, Zones[random.Next(Zones.Length)]) },
                3 => new PodSpec { NodeSelector = new() { [pool.Labels[0].Key] = pool.Labels[0].Value }, Tolerations = TolerationsFor(pool) },
                4 => Avoiding(pool),
                _ => new PodSpec { Affinity = CoresAtLeast(random.Next(1, 16)), Tolerations = [new Toleration { Operator = TolerationOperators.Exists, Effect = TaintEffects.NoSchedule }] },
            });
        }
        return pods;
    }

    private static PodSpec PinnedTo(PoolShape pool) => new()
    {
        Affinity = new Affinity
        {
            NodeAffinity = new NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector
                {
                    NodeSelectorTerms = [new NodeSelectorTerm { MatchExpressions = [.. pool.Labels.Select(l => Requirement(l.Key, NodeSelectorOperators.In, l.Value))] }],
                },
            },
        },
        Tolerations = TolerationsFor(pool),
    };

    private static Affinity WithPreference(Affinity affinity, string zone) => affinity with
    {
        NodeAffinity = affinity.NodeAffinity! with
        {
            PreferredDuringSchedulingIgnoredDuringExecution =
            [
                new PreferredSchedulingTerm { Weight = 50, Preference = new NodeSelectorTerm { MatchExpressions = [Requirement(WellKnownLabels.Zone, NodeSelectorOperators.In, zone)] } },
                new PreferredSchedulingTerm { Weight = 10, Preference = new NodeSelectorTerm { MatchExpressions = [Requirement(WellKnownLabels.EksCapacityType, NodeSelectorOperators.NotIn, "SPOT")] } },
            ],
        },
    };

    private static PodSpec Avoiding(PoolShape pool) => new()
    {
        Affinity = new Affinity
        {
            NodeAffinity = new NodeAffinity
            {
                PreferredDuringSchedulingIgnoredDuringExecution =
                [
                    new PreferredSchedulingTerm { Weight = 100, Preference = new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement { Key = pool.Labels[0].Key, Operator = NodeSelectorOperators.DoesNotExist }] } },
                ],
            },
        },
    };

    private static Affinity CoresAtLeast(int cores) => new()
    {
        NodeAffinity = new NodeAffinity
        {
            RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector
            {
                NodeSelectorTerms =
                [
                    new NodeSelectorTerm { MatchExpressions = [Requirement("cores", NodeSelectorOperators.Gt, cores.ToString()), Requirement(WellKnownLabels.Arch, NodeSelectorOperators.In, "amd64", "arm64")] },
                    new NodeSelectorTerm { MatchExpressions = [Requirement(WellKnownLabels.InstanceType, NodeSelectorOperators.In, "g5.2xlarge")] },
                ],
            },
        },
    };

    private static List<Toleration> TolerationsFor(PoolShape pool) =>
        [.. pool.Taints.Select(t => new Toleration { Key = t.Key, Operator = TolerationOperators.Equal, Value = t.Value, Effect = t.Effect })];

    private static NodeSelectorRequirement Requirement(string key, string op, params string[] values) =>
        new() { Key = key, Operator = op, Values = [.. values] };

    private static Taint Taint(string key, string? value, string effect) => new() { Key = key, Value = value, Effect = effect };
}
