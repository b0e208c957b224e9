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
}
