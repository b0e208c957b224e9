using NodePools.Placement.Kubernetes;
using NodePools.Placement.Scheduling;

namespace NodePools.Placement.Tests.Scheduling;

/// <summary>
/// The equivalence keys `explain` groups pods and nodes by stand next to the parses that define what
/// the scheduler reads. Every field of the pod and node models has a row here: changing it must change
/// a verdict on some probe node (it is read) and the key (it is keyed). A field added to the models
/// without a row, or read without being keyed, fails.
/// </summary>
public class SchedulingKeyTests
{
    private static readonly Toleration TolerateGpu = new() { Key = "gpu", Operator = TolerationOperators.Exists };

    private static Container Requesting(string cpu) => new() { Name = "c", Resources = new ResourceRequirements { Requests = new() { ["cpu"] = cpu } } };

    private static NodeAffinity RequiredZone(string zone) => new()
    {
        RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector
        {
            NodeSelectorTerms = [new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement { Key = "zone", Operator = "In", Values = [zone] }] }],
        },
    };

    /// <summary>One row per PodSpec property: two pods that differ only there (and the kind they are read as).</summary>
    private static readonly Dictionary<string, (string Kind, PodSpec A, PodSpec B)> PodRows = new()
    {
        [nameof(PodSpec.NodeName)] = (WorkloadKinds.Pod, new PodSpec { NodeName = "n1" }, new PodSpec { NodeName = "n2" }),
        [nameof(PodSpec.NodeSelector)] = (WorkloadKinds.Pod, new PodSpec { NodeSelector = new() { ["zone"] = "a" } }, new PodSpec { NodeSelector = new() { ["zone"] = "b" } }),
        [nameof(PodSpec.Affinity)] = (WorkloadKinds.Pod, new PodSpec { Affinity = new Affinity { NodeAffinity = RequiredZone("a") } }, new PodSpec { Affinity = new Affinity { NodeAffinity = RequiredZone("b") } }),
        [nameof(PodSpec.Tolerations)] = (WorkloadKinds.Pod, new PodSpec(), new PodSpec { Tolerations = [TolerateGpu] }),
        [nameof(PodSpec.Containers)] = (WorkloadKinds.Pod, new PodSpec { Containers = [Requesting("1")] }, new PodSpec { Containers = [Requesting("3")] }),
        [nameof(PodSpec.InitContainers)] = (WorkloadKinds.Pod, new PodSpec { InitContainers = [Requesting("1")] }, new PodSpec { InitContainers = [Requesting("3")] }),
        [nameof(PodSpec.HostNetwork)] = (WorkloadKinds.DaemonSet, new PodSpec { HostNetwork = false }, new PodSpec { HostNetwork = true }),
        [nameof(PodSpec.Overhead)] = (WorkloadKinds.Pod, new PodSpec { Overhead = new() { ["cpu"] = "1" } }, new PodSpec { Overhead = new() { ["cpu"] = "3" } }),
    };

    /// <summary>Probe nodes on which each row's difference shows in a verdict.</summary>
    private static readonly SchedulingNode[] Probes =
    [
        Node("n1", new() { ["zone"] = "a" }),
        Node("n2", new() { ["zone"] = "b" }),
        Node("gpu", new() { ["zone"] = "a" }, [new Taint { Key = "gpu", Effect = TaintEffects.NoSchedule }]),
        Node("no-network", new() { ["zone"] = "a" }, [new Taint { Key = "node.kubernetes.io/network-unavailable", Effect = TaintEffects.NoSchedule }]),
        Node("small", new() { ["zone"] = "a" }, allocatable: new() { ["cpu"] = 2000, ["pods"] = 110 }),
    ];

    private static SchedulingNode Node(string name, Dictionary<string, string> labels, Taint[]? taints = null, Dictionary<string, long>? allocatable = null) =>
        new(name, labels, taints ?? [], false, allocatable);

    private static string Verdicts(string kind, PodSpec spec)
    {
        var pod = SchedulingPod.From("p", kind, spec, SchedulingOptions.Eks);
        return string.Join(";", Probes.Select(node => Scheduler.Evaluate(pod, node)).Select(v => $"{v.Schedulable}/{string.Join(",", v.AllReasons())}/{v.PreferredScore}"));
    }

    public static TheoryData<string> PodFields() => [.. typeof(PodSpec).GetProperties().Select(property => property.Name)];

    [Theory]
    [MemberData(nameof(PodFields))]
    public void Every_pod_field_is_read_and_keyed(string field)
    {
        Assert.True(PodRows.TryGetValue(field, out var row), $"PodSpec.{field} has no row: say what the scheduler makes of it and key it in SchedulingPod.EquivalenceKey");
        Assert.NotEqual(Verdicts(row.Kind, row.A), Verdicts(row.Kind, row.B));
        Assert.NotEqual(SchedulingPod.EquivalenceKey(row.Kind, row.A), SchedulingPod.EquivalenceKey(row.Kind, row.B));
    }

    [Fact]
    public void The_daemonset_kind_is_keyed_because_it_adds_tolerations()
    {
        var spec = new PodSpec { HostNetwork = true };
        Assert.NotEqual(Verdicts(WorkloadKinds.Pod, spec), Verdicts(WorkloadKinds.DaemonSet, spec));
        Assert.NotEqual(SchedulingPod.EquivalenceKey(WorkloadKinds.Pod, spec), SchedulingPod.EquivalenceKey(WorkloadKinds.DaemonSet, spec));
        // Other kinds are pods to the scheduler: one class.
        Assert.Equal(SchedulingPod.EquivalenceKey("Deployment", spec), SchedulingPod.EquivalenceKey("Job", spec));
    }

    /// <summary>One row per SchedulingNode property: the property, two nodes that differ only there, and whether it is keyed.</summary>
    public static TheoryData<string> NodeFields() => [.. typeof(SchedulingNode).GetProperties().Select(property => property.Name)];

    private static readonly Dictionary<string, (SchedulingNode A, SchedulingNode B, bool Keyed)> NodeRows = new()
    {
        // Names are not keyed: pods that name nodes (nodeName, matchFields, hostname terms) are evaluated apart.
        [nameof(SchedulingNode.Name)] = (Node("a", new() { ["zone"] = "a" }), Node("b", new() { ["zone"] = "a" }), false),
        [nameof(SchedulingNode.Labels)] = (Node("a", new() { ["zone"] = "a" }), Node("a", new() { ["zone"] = "b" }), true),
        [nameof(SchedulingNode.Taints)] = (Node("a", new() { ["zone"] = "a" }), Node("a", new() { ["zone"] = "a" }, [new Taint { Key = "gpu", Effect = TaintEffects.NoSchedule }]), true),
        [nameof(SchedulingNode.Unschedulable)] = (Node("a", new() { ["zone"] = "a" }), new SchedulingNode("a", new Dictionary<string, string> { ["zone"] = "a" }, [], true), true),
        [nameof(SchedulingNode.Allocatable)] = (Node("a", new() { ["zone"] = "a" }, allocatable: new() { ["cpu"] = 4000 }), Node("a", new() { ["zone"] = "a" }, allocatable: new() { ["cpu"] = 1000 }), true),
    };

    private static readonly PodSpec[] ProbePods =
    [
        new() { NodeName = "a" },
        new() { NodeSelector = new() { ["zone"] = "a" } },
        new() { Containers = [Requesting("2")] },
        new(),
    ];

    [Theory]
    [MemberData(nameof(NodeFields))]
    public void Every_node_property_is_read_and_keyed_unless_named_apart(string property)
    {
        Assert.True(NodeRows.TryGetValue(property, out var row), $"SchedulingNode.{property} has no row: key it in SchedulingNode.EquivalenceKey");
        var verdictsA = ProbePods.Select(spec => Scheduler.Evaluate(SchedulingPod.From("p", WorkloadKinds.Pod, spec, SchedulingOptions.Eks), row.A).Schedulable);
        var verdictsB = ProbePods.Select(spec => Scheduler.Evaluate(SchedulingPod.From("p", WorkloadKinds.Pod, spec, SchedulingOptions.Eks), row.B).Schedulable);
        Assert.NotEqual(verdictsA, verdictsB);
        Assert.Equal(row.Keyed, row.A.EquivalenceKey() != row.B.EquivalenceKey());
    }

    [Fact]
    public void The_hostname_label_is_not_keyed_because_pods_naming_it_are_evaluated_apart()
    {
        var a = Node("a", new() { [WellKnownLabels.Hostname] = "a" });
        var b = Node("b", new() { [WellKnownLabels.Hostname] = "b" });
        Assert.Equal(a.EquivalenceKey(), b.EquivalenceKey());
    }
}
