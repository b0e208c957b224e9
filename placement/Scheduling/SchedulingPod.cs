using System.Text;
using System.Text.Json;
using NodePools.Placement.Input;
using NodePools.Placement.Kubernetes;

namespace NodePools.Placement.Scheduling;

/// <summary>
/// A pod as the scheduler sees it after admission: its constraints parsed once, its tolerations
/// completed with what admission and its controller add.
/// </summary>
public sealed class SchedulingPod
{
    private SchedulingPod(string name, string kind, PodSpec spec, IReadOnlyList<Toleration> tolerations, IReadOnlyList<string> notes)
    {
        Name = name;
        Kind = kind;
        Spec = spec;
        NodeName = spec.NodeName ?? "";
        Required = RequiredNodeAffinity.From(spec);
        Preferred = PreferredNodeAffinity.From(spec);
        Tolerations = tolerations;
        Notes = notes;
        Requests = ResourceFit.PodRequests(spec);
    }

    public string Name { get; }
    public string Kind { get; }
    public PodSpec Spec { get; }
    public string NodeName { get; }
    public RequiredNodeAffinity Required { get; }
    public PreferredNodeAffinity Preferred { get; }

    /// <summary>The pod's own tolerations followed by those Kubernetes adds.</summary>
    public IReadOnlyList<Toleration> Tolerations { get; }

    /// <summary>The pod's effective resource requests in scheduling units.</summary>
    public IReadOnlyDictionary<string, long> Requests { get; }

    /// <summary>What the simulation did or ignored, in words (added tolerations, invalid terms).</summary>
    public IReadOnlyList<string> Notes { get; }

    public static SchedulingPod From(string name, string kind, PodSpec spec, SchedulingOptions options)
    {
        var tolerations = new List<Toleration>(spec.Tolerations ?? []);
        var notes = new List<string>();
        if (kind == WorkloadKinds.DaemonSet)
        {
            tolerations.AddRange(AdmissionTolerations.ForDaemonSet(spec));
            notes.Add("DaemonSet pods get the controller's node-problem and unschedulable tolerations");
        }
        if (options.ExtendedResourceToleration)
        {
            foreach (var added in AdmissionTolerations.ForExtendedResources(spec))
            {
                tolerations.Add(added);
                notes.Add($"ExtendedResourceToleration: requests {added.Key}, so it tolerates {added.Key}:NoSchedule");
            }
        }
        var pod = new SchedulingPod(name, kind, spec, tolerations, notes);
        notes.AddRange(pod.Required.Errors.Select(error => $"ignored, so its term matches no node: {error}"));
        notes.AddRange(pod.Preferred.Errors.Select(error => $"ignored, so no preferred term scores: {error}"));
        return pod;
    }

    /// <summary>
    /// Everything <see cref="From"/> reads of a pod, as text: pods with equal keys get equal verdicts on
    /// every node, so `explain` evaluates one pod per key. A field the parse starts to read must join the
    /// key (SchedulingKeyTests fails otherwise). The node name is keyed as written; `explain` replaces
    /// names before keying pods that name nodes.
    /// </summary>
    public static string EquivalenceKey(string kind, PodSpec spec)
    {
        var placement = new PodSpec
        {
            NodeName = spec.NodeName,
            NodeSelector = spec.NodeSelector is null ? null : new Dictionary<string, string>(spec.NodeSelector.OrderBy(p => p.Key, StringComparer.Ordinal)),
            Affinity = spec.Affinity?.NodeAffinity is { } nodeAffinity ? new Affinity { NodeAffinity = nodeAffinity } : null,
            Tolerations = spec.Tolerations,
            HostNetwork = spec.HostNetwork,
        };
        // Resources as written: equal text is equal requests (equal requests written differently only make two classes).
        var resources = new StringBuilder();
        foreach (var container in spec.Containers ?? [])
            Resources(resources.Append('c'), container);
        foreach (var container in spec.InitContainers ?? [])
            Resources(resources.Append('i'), container);
        foreach (var (name, value) in spec.Overhead ?? [])
            resources.Append('o').Append(name).Append('=').Append(value);
        var daemonSet = kind == WorkloadKinds.DaemonSet ? WorkloadKinds.DaemonSet : "";
        return $"{daemonSet}\u0003{JsonSerializer.Serialize(placement, KubernetesJsonContext.Default.PodSpec)}\u0003{resources}";
    }

    private static void Resources(StringBuilder key, Container container)
    {
        foreach (var (name, value) in container.Resources?.Requests ?? [])
            key.Append('r').Append(name).Append('=').Append(value);
        foreach (var (name, value) in container.Resources?.Limits ?? [])
            key.Append('l').Append(name).Append('=').Append(value);
    }
}
