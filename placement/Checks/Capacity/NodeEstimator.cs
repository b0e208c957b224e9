using NodePools.Placement.Scheduling;

namespace NodePools.Placement.Checks;

/// <summary>
/// Identical pods to place: one workload's replicas, as the Cluster Autoscaler groups them (a pod
/// equivalence group). <see cref="Requests"/> are what NodeResourcesFit counts (init containers and
/// overhead included, in scheduling units); <see cref="ContainerRequests"/> the containers' own,
/// which the autoscaler orders groups by.
/// </summary>
public sealed record PodGroup(string Name, int Count, IReadOnlyDictionary<string, long> Requests, IReadOnlyDictionary<string, long> ContainerRequests);

/// <summary>How many new nodes hold the groups, and how many pods fit no node at all (beside its DaemonSet pods).</summary>
public sealed record NodeEstimate(int Nodes, int Unplaced);

/// <summary>
/// The Cluster Autoscaler's estimate of the nodes a node group must add for pending pods
/// (cluster-autoscaler/estimator/binpacking_estimator.go and decreasing_pod_orderer.go):
/// <list type="number">
/// <item>groups in decreasing order of score, a group's containers' CPU over the node's allocatable
/// CPU plus their memory over its allocatable memory (equal scores keep their order here; Go's
/// sort.Slice leaves theirs unspecified);</item>
/// <item>each group's pods onto the nodes added so far, searching on from after the node that took the
/// last pod (the predicate checker's FitsAnyNodeMatching), until a pod fits none of them;</item>
/// <item>the group's remaining pods onto the last node added, else onto a new node, each new node a copy
/// of the template: allocatable, and the DaemonSet pods that run on every node. A pod that does not fit
/// an empty new node ends the group (it would fit no new node).</item>
/// </list>
/// The estimate is the number of new nodes that received a pod. The autoscaler's own limits (the node
/// group's maximum, --max-nodes-per-scaleup) are left out: the count is what the pods need.
/// </summary>
public static class NodeEstimator
{
    private const string Cpu = "cpu";
    private const string Memory = "memory";
    private const string Pods = "pods";

    /// <param name="allocatable">The node template's allocatable, in scheduling units.</param>
    /// <param name="daemonSetPods">Requests of the pods on every node, in order; one that does not fit beside those before it is left off.</param>
    public static NodeEstimate Estimate(IReadOnlyList<PodGroup> groups, IReadOnlyDictionary<string, long> allocatable,
        IReadOnlyList<IReadOnlyDictionary<string, long>> daemonSetPods)
    {
        var template = new Node(allocatable);
        foreach (var pod in daemonSetPods)
        {
            if (template.Fits(pod))
                template.Add(pod);
        }

        var nodes = new List<Node>();
        var withPods = new HashSet<int>();
        var searchFrom = 0;
        var unplaced = 0;
        foreach (var group in Ordered(groups, allocatable))
        {
            var left = group.Count;
            // On the nodes added so far, while one takes the next pod.
            while (left > 0 && FitsAny(nodes, group.Requests, ref searchFrom) is { } fit)
            {
                nodes[fit].Add(group.Requests);
                withPods.Add(fit);
                left--;
            }
            // Then the last node added, or a new one.
            while (left > 0)
            {
                var last = nodes.Count - 1;
                if (last >= 0 && nodes[last].Fits(group.Requests))
                {
                    nodes[last].Add(group.Requests);
                    withPods.Add(last);
                    left--;
                    continue;
                }
                if (last >= 0 && !withPods.Contains(last))
                    break; // the last node is as empty as a new one would be
                nodes.Add(template.Copy());
                last++;
                if (!nodes[last].Fits(group.Requests))
                    break;
                nodes[last].Add(group.Requests);
                withPods.Add(last);
                left--;
            }
            unplaced += left;
        }
        return new NodeEstimate(withPods.Count, unplaced);
    }

    /// <summary>Decreasing score; a stable sort, so equal scores keep the given order.</summary>
    private static IEnumerable<PodGroup> Ordered(IReadOnlyList<PodGroup> groups, IReadOnlyDictionary<string, long> allocatable) =>
        groups.Where(group => group.Count > 0).OrderByDescending(group => Score(group, allocatable));

    private static double Score(PodGroup group, IReadOnlyDictionary<string, long> allocatable)
    {
        var score = 0.0;
        foreach (var resource in new[] { Cpu, Memory })
        {
            if (allocatable.GetValueOrDefault(resource) is > 0 and var total)
                score += (double)group.ContainerRequests.GetValueOrDefault(resource) / total;
        }
        return score;
    }

    /// <summary>The first node, from <paramref name="searchFrom"/> round, that takes the pod; the search then goes on after it.</summary>
    private static int? FitsAny(List<Node> nodes, IReadOnlyDictionary<string, long> requests, ref int searchFrom)
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            var index = (searchFrom + i) % nodes.Count;
            if (nodes[index].Fits(requests))
            {
                searchFrom = (searchFrom + i + 1) % nodes.Count;
                return index;
            }
        }
        return null;
    }

    /// <summary>A node's allocatable and what its pods take of it.</summary>
    private sealed class Node(IReadOnlyDictionary<string, long> allocatable)
    {
        private readonly Dictionary<string, long> _used = new(StringComparer.Ordinal);
        private long _pods;

        /// <summary>NodeResourcesFit against what is left: every requested resource, and one more pod.</summary>
        public bool Fits(IReadOnlyDictionary<string, long> requests)
        {
            var left = allocatable.ToDictionary(pair => pair.Key, pair => pair.Value - (pair.Key == Pods ? _pods : _used.GetValueOrDefault(pair.Key)), StringComparer.Ordinal);
            return ResourceFit.Insufficient(requests, left).Count == 0;
        }

        public void Add(IReadOnlyDictionary<string, long> requests)
        {
            foreach (var (name, value) in requests)
                _used[name] = _used.GetValueOrDefault(name) + value;
            _pods++;
        }

        public Node Copy()
        {
            var copy = new Node(allocatable) { _pods = _pods };
            foreach (var (name, value) in _used)
                copy._used[name] = value;
            return copy;
        }
    }
}
