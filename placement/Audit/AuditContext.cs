using NodePools.Placement.Planning;
using NodePools.Placement.Scheduling;

namespace NodePools.Placement.Audit;

/// <summary>A live pod with the workload it belongs to and what the stack says about that workload (null: nothing of the stack runs it).</summary>
public sealed record AuditedPod(LivePod Pod, WorkloadRef Workload, WorkloadHome? Home);

/// <summary>A live node with the pool it belongs to (null: no declared pool) and the requests of the pods bound to it.</summary>
public sealed record AuditedNode(LiveNode Live, PoolPlan? Pool, MembershipSource? Source, IReadOnlyDictionary<string, long> Requested, int PodCount)
{
    public string Name => Live.Name;

    /// <summary>Allocatable in scheduling units, or null when the node states none.</summary>
    public IReadOnlyDictionary<string, long>? Allocatable { get; } = ResourceFit.Allocatable(Live.Node);

    /// <summary>The node as the scheduler sees it now: what its bound pods leave free of its allocatable.</summary>
    public SchedulingNode Free()
    {
        var node = SchedulingNode.From(Live.Node);
        if (Allocatable is null)
            return node;
        var free = Allocatable.ToDictionary(pair => pair.Key,
            pair => Math.Max(0, pair.Value - (pair.Key == "pods" ? PodCount : Requested.GetValueOrDefault(pair.Key))), StringComparer.Ordinal);
        return new SchedulingNode(node.Name, node.Labels, node.Taints, node.Unschedulable, free);
    }
}

/// <summary>Everything the audit's rules read, joined once: nodes with their pools and usage, pods with their workloads and homes.</summary>
public sealed class AuditContext
{
    public AuditContext(StackPlan plan, ClusterSnapshot snapshot, WorkloadHomes homes)
    {
        Plan = plan;
        Snapshot = snapshot;
        Homes = homes;
        var homeCache = new Dictionary<WorkloadRef, WorkloadHome?>();
        var pods = new List<AuditedPod>(snapshot.Pods.Count);
        var requested = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pod in snapshot.Pods)
        {
            var workload = LiveOwners.Of(pod, snapshot);
            if (!homeCache.TryGetValue(workload, out var home))
                homeCache[workload] = home = homes.Of(workload, pod, snapshot);
            pods.Add(new AuditedPod(pod, workload, home));
            if (pod.NodeName is { } nodeName && !pod.Terminated)
            {
                var sums = requested.TryGetValue(nodeName, out var found) ? found : requested[nodeName] = new(StringComparer.Ordinal);
                foreach (var (resource, amount) in pod.Requests)
                    sums[resource] = sums.GetValueOrDefault(resource) + amount;
                counts[nodeName] = counts.GetValueOrDefault(nodeName) + 1;
            }
        }
        Pods = pods;
        Nodes = snapshot.Nodes.Select(node =>
        {
            var membership = PoolMembership.Of(node, plan.Pools);
            return new AuditedNode(node, membership?.Pool, membership?.Source,
                requested.TryGetValue(node.Name, out var sums) ? sums : new Dictionary<string, long>(), counts.GetValueOrDefault(node.Name));
        }).ToList();
        NodesByName = Nodes.GroupBy(node => node.Name, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);
    }

    public StackPlan Plan { get; }
    public ClusterSnapshot Snapshot { get; }
    public WorkloadHomes Homes { get; }
    public IReadOnlyList<AuditedPod> Pods { get; }
    public IReadOnlyList<AuditedNode> Nodes { get; }
    public IReadOnlyDictionary<string, AuditedNode> NodesByName { get; }

    /// <summary>Each declared pool as it runs: read by the pressure rule and the report alike.</summary>
    public IReadOnlyList<PoolSummary> Summaries => field ??= PoolSummary.Of(this);

    public AuditedNode? NodeOf(AuditedPod pod) => pod.Pod.NodeName is { } name && NodesByName.TryGetValue(name, out var node) ? node : null;

    public IEnumerable<AuditedNode> NodesOf(string pool) => Nodes.Where(node => node.Pool?.Name == pool);

    /// <summary>The pod spec a workload's pods are made from: its controller's template where the snapshot holds it, else the pod's own.</summary>
    public Kubernetes.PodSpec TemplateOf(AuditedPod pod) =>
        LiveOwners.Controller(pod.Workload, Snapshot)?.Template?.Spec ?? pod.Pod.Spec;
}
