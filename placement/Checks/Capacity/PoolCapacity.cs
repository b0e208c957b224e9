using System.Globalization;
using NodePools.Placement.Verdicts;
using NodePools.Placement.Planning;
using NodePools.Placement.Scheduling;

namespace NodePools.Placement.Checks;

/// <summary>
/// pool-capacity: what lands on each pool against the nodes it may have. The pods that land there
/// (each workload on the pool it fits and belongs on), beside the pods every node runs (DaemonSets
/// and the EKS add-ons' agents), packed as the Cluster Autoscaler's estimator packs them
/// (<see cref="NodeEstimator"/>), on the pool's node template. An error when more nodes are needed
/// than the pool may have (its maximum where the autoscaler scales it, else its desired size), a
/// warning when the autoscaler must add nodes at install (the releases wait for the scale-up).
/// </summary>
internal static class PoolCapacity
{
    /// <param name="counted">What was counted, for the message: "declared slots" or "rendered workloads".</param>
    /// <summary>With rendering, what the charts render replaces the declared slots' estimate of what lands on each pool.</summary>
    public static IEnumerable<Finding> Check(CheckInput input) =>
        input.Rendered is { } rendered ? CheckRendered(rendered) : CheckDeclared(input.Stack);

    private static IEnumerable<Finding> Check(StackPlan plan, IReadOnlyList<CountedWorkload> workloads, string counted)
    {
        foreach (var pool in plan.Pools)
        {
            if (pool.NodeTemplate.Allocatable is not { } allocatable)
                continue; // an instance type the catalog does not know: no allocatable to pack against
            var perNode = workloads.Where(w => w.DaemonSet && w.NodePools.Contains(pool.Name)).ToList();
            var landing = workloads.Where(w => !w.DaemonSet && w.Replicas > 0 && w.Pool() == pool.Name).ToList();
            if (landing.Count == 0)
                continue;
            var groups = landing.Select(w => new PodGroup(w.Name, w.Replicas, w.Pod.Requests, ContainerRequests(w.Pod))).ToList();
            var estimate = NodeEstimator.Estimate(groups, allocatable, [.. perNode.Select(w => w.Pod.Requests)]);
            foreach (var finding in Findings(plan, pool, landing, perNode, estimate, counted))
                yield return finding;
        }
    }

    private static IEnumerable<Finding> Findings(StackPlan plan, PoolPlan pool, List<CountedWorkload> landing, List<CountedWorkload> perNode,
        NodeEstimate estimate, string counted)
    {
        var scaling = pool.Spec.Scaling;
        var autoscaled = plan.Declaration.AutoscalerRuns && scaling.Min < scaling.Max;
        var limit = autoscaled ? scaling.Max : scaling.Desired;
        var instanceType = pool.Spec.InstanceTypes.FirstOrDefault() ?? "";
        var load = $"{Load(landing)} land here ({counted}), beside {perNode.Count} pod(s) on every node ({Requests(perNode.Select(w => w.Pod.Requests))}: DaemonSets and the EKS add-ons' agents)";
        var subject = $"pool {pool.Name}";

        if (estimate.Unplaced > 0)
        {
            yield return new Finding(Severity.Error, Rules.PoolCapacity.Id, subject,
                $"{estimate.Unplaced} pod(s) fit no {instanceType} node once the pods every node runs are counted: {load}")
            {
                Fix = "give the pool a larger instance type, or lower the requests of the pods that land here or of its DaemonSets",
            };
        }
        if (estimate.Nodes > limit)
        {
            yield return new Finding(Severity.Error, Rules.PoolCapacity.Id, subject,
                $"{load}: packed as the Cluster Autoscaler packs them they need {estimate.Nodes} {instanceType} node(s), "
                + (autoscaled ? $"and the pool may grow to {scaling.Max} (scaling.max): pods stay Pending" : $"and the pool has {scaling.Desired} that nothing scales: pods stay Pending"))
            {
                Fix = (autoscaled ? $"raise scaling.max to at least {estimate.Nodes}" : $"raise scaling.desired to at least {estimate.Nodes}")
                      + ", give the pool a larger instance type, or lower the replicas or requests that land here",
            };
        }
        // Only an install that waits is held up; a release with skipAwait on a pool that scales from zero is as meant.
        else if (autoscaled && estimate.Nodes > scaling.Desired && landing.Any(w => w.Awaited))
        {
            yield return new Finding(Severity.Warning, Rules.PoolCapacity.Id, subject,
                $"{load}: they need {estimate.Nodes} {instanceType} node(s) and the pool is created with {scaling.Desired}: "
                + $"the Cluster Autoscaler adds {estimate.Nodes - scaling.Desired} at install, and the releases wait for them")
            {
                Fix = $"raise scaling.desired to {estimate.Nodes} to create them with the pool",
            };
        }
    }

    /// <summary>The containers' own requests (a limit standing in for a missing request), which the autoscaler orders pods by.</summary>
    private static IReadOnlyDictionary<string, long> ContainerRequests(SchedulingPod pod) =>
        ResourceFit.PodRequests(pod.Spec with { InitContainers = null, Overhead = null });

    /// <summary>"9 pod(s) of 4 workload(s) asking 7 CPU and 6 GiB (union Deployment/union-operator 3×1 CPU, ...)".</summary>
    private static string Load(List<CountedWorkload> landing)
    {
        var pods = landing.Sum(w => w.Replicas);
        var largest = landing.OrderByDescending(w => w.Replicas * w.Pod.Requests.GetValueOrDefault("cpu")).ThenBy(w => w.Name, StringComparer.Ordinal).Take(3)
            .Select(w => $"{w.Name} ×{w.Replicas}");
        var total = landing.SelectMany(w => Enumerable.Repeat(w.Pod.Requests, w.Replicas));
        return $"{pods} pod(s) of {landing.Count} workload(s) asking {Requests(total)} ({string.Join(", ", largest)}{(landing.Count > 3 ? ", ..." : "")})";
    }

    /// <summary>"7 CPU and 6Gi memory", and any other resource asked for ("2 nvidia.com/gpu").</summary>
    private static string Requests(IEnumerable<IReadOnlyDictionary<string, long>> pods)
    {
        var list = pods.ToList();
        var others = list.SelectMany(p => p).Where(p => p.Key is not ("cpu" or "memory") && p.Value > 0)
            .GroupBy(p => p.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $", {(g.Key == "ephemeral-storage" ? Memory(g.Sum(p => p.Value)) : g.Sum(p => p.Value).ToString(CultureInfo.InvariantCulture))} {g.Key}");
        return $"{Cpu(list.Sum(p => p.GetValueOrDefault("cpu")))} CPU and {Memory(list.Sum(p => p.GetValueOrDefault("memory")))} memory{string.Concat(others)}";
    }

    private static string Cpu(long millicores) =>
        millicores % 1000 == 0 ? (millicores / 1000).ToString(CultureInfo.InvariantCulture) : $"{millicores}m";

    private static string Memory(long bytes) => bytes switch
    {
        0 => "no",
        >= 1L << 30 when bytes % (1L << 30) == 0 => $"{bytes >> 30}Gi",
        >= 1L << 20 => $"{Math.Ceiling(bytes / (double)(1L << 20)).ToString(CultureInfo.InvariantCulture)}Mi",
        _ => $"{bytes} bytes",
    };

    /// <summary>The declaration stage: the declared slots and the EKS add-ons.</summary>
    public static IEnumerable<Finding> CheckDeclared(StackVerdicts stack) =>
        Check(stack.Plan, [.. CountedWorkloads.Addons(stack.Plan), .. CountedWorkloads.Slots(stack, stack.Releases)], "declared slots");

    /// <summary>The rendered stage: every rendered workload (the declared slots of releases that did not render) and the EKS add-ons.</summary>
    public static IEnumerable<Finding> CheckRendered(RenderedEvaluation evaluation) =>
        Check(evaluation.Plan, [.. CountedWorkloads.Addons(evaluation.Plan), .. CountedWorkloads.Rendered(evaluation, StackVerdicts.Evaluate(evaluation.Plan))], "rendered workloads");

}
