using NodePools.Placement.Checks;
using NodePools.Placement.Scheduling;

namespace NodePools.Placement.Audit;

/// <summary>
/// daemonset-gap: Ready nodes of a pool a DaemonSet belongs on that run none of its pods. The
/// DaemonSet's template against the node says why (an untolerated taint, a selector); one that selects
/// on a label no node of the cluster has yet (the NVIDIA MPS daemon before any node is labelled for
/// MPS) is waiting by design: info. Matched through Helm labels only, a DaemonSet is held to the
/// pools of its release that its template admits.
/// </summary>
internal static class DaemonSetGapAudit
{
    public static IEnumerable<AuditFinding> Find(AuditContext context)
    {
        // A node counts as covered by its pod bound there, or by its pod still Pending for it (the DaemonSet
        // controller names the node through matchFields): that one is pod-pending's, not a gap.
        var running = context.Pods.Where(pod => pod.Workload.Kind == "DaemonSet" && !pod.Pod.Terminated)
            .GroupBy(pod => pod.Workload)
            .ToDictionary(group => group.Key, group => group.SelectMany(pod => pod.Pod.NodeName is { } node ? [node] : NamedNodes(pod.Pod.Spec)).ToHashSet(StringComparer.Ordinal));
        var homes = context.Pods.Where(pod => pod.Workload.Kind == "DaemonSet").GroupBy(pod => pod.Workload)
            .ToDictionary(group => group.Key, group => group.First().Home);
        foreach (var controller in context.Snapshot.Controllers.Values.Where(c => c.Kind == "DaemonSet"))
        {
            var workload = new WorkloadRef(controller.Namespace, controller.Kind, controller.Name);
            var home = homes.TryGetValue(workload, out var found) ? found : context.Homes.Of(workload, null, context.Snapshot);
            if (home is null || controller.Template?.Spec is not { } template)
                continue;
            var pod = SchedulingPod.From(controller.Name, WorkloadKinds.DaemonSet, template, SchedulingOptions.Eks);
            var covered = running.GetValueOrDefault(workload) ?? [];
            var gaps = context.Nodes.Where(node => node.Pool is { } pool && home.Pools.Contains(pool.Name) && node.Live.Ready && !covered.Contains(node.Name));
            foreach (var group in gaps.GroupBy(node => node.Pool!.Name))
            {
                var nodes = group.ToList();
                // Resources aside: the DaemonSet controller places its pod whatever the node has left.
                var verdict = Scheduler.Evaluate(pod, new SchedulingNode(nodes[0].Name, nodes[0].Live.Labels, nodes[0].Live.Taints));
                // Matched by Helm labels, the DaemonSet is known only to belong to one of its release's pools: it is held
                // to those its template admits, since which of them its own slot meant is not known without rendering.
                if (!verdict.Schedulable && home.Source == HomeSource.HelmLabels)
                    continue;
                var waitsForLabel = !verdict.Schedulable && verdict.AllRefusals().All(r => r.Filter == FilterFailures.NodeAffinity)
                    && !context.Nodes.Any(node => Scheduler.Evaluate(pod, new SchedulingNode(node.Name, node.Live.Labels, [])).Schedulable);
                var why = verdict.Schedulable
                    ? "its template admits them: the DaemonSet controller has not placed its pods (a rollout in progress, or pods failing to start)"
                    : waitsForLabel
                        ? "it selects on a label no node of the cluster has yet"
                        : $"its template does not admit them: {string.Join(", ", verdict.Reasons())}";
                var names = nodes.Select(node => node.Name).ToList();
                var subject = $"{home.Owner} {controller.Namespace}/DaemonSet/{controller.Name}";
                var message = $"{Names.Count(names.Count, "Ready node")} of pool {group.Key} ({Names.List(names)}) {Names.Verb(names.Count, "runs", "run")} none of its pods, though it belongs on {Names.Pools(home.Pools)}; {why}";
                yield return new AuditFinding(group.Key, waitsForLabel
                    ? Rules.DaemonSetGap.Info(subject, message)
                    : Rules.DaemonSetGap.Warning(subject, message) with
                    {
                        Fix = verdict.Schedulable
                            ? $"kubectl -n {controller.Namespace} describe daemonset {controller.Name} shows why its pods are missing"
                            : $"give the DaemonSet the placement of pool {group.Key} in its release (nodepools check --render shows what it renders), or narrow its intent to the pools it should cover",
                    });
            }
        }
    }

    /// <summary>The nodes a pod's required node affinity names by metadata.name, as the DaemonSet controller writes it.</summary>
    private static IEnumerable<string> NamedNodes(Kubernetes.PodSpec spec) =>
        spec.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms?
            .SelectMany(term => term.MatchFields ?? [])
            .Where(field => field.Key == "metadata.name" && field.Operator == Kubernetes.NodeSelectorOperators.In)
            .SelectMany(field => field.Values ?? []) ?? [];
}
