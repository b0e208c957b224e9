using System.Text.RegularExpressions;

namespace NodePools.Placement.Audit;

/// <summary>The workload a pod belongs to, as a chart renders it: a namespace, a kind and a name.</summary>
public readonly record struct WorkloadRef(string Namespace, string Kind, string Name)
{
    public override string ToString() => $"{Namespace}/{Kind}/{Name}";
}

/// <summary>
/// Follows a pod's controller up to the workload a chart renders: a ReplicaSet to its Deployment, a
/// Job to its CronJob. Where the snapshot lacks the ReplicaSet or Job, their names still tell: a
/// Deployment's ReplicaSet is named DEPLOYMENT-HASH with HASH the pod's pod-template-hash label, and a
/// CronJob's Job is named CRONJOB-MINUTES.
/// </summary>
public static partial class LiveOwners
{
    public static WorkloadRef Of(LivePod pod, ClusterSnapshot snapshot)
    {
        if (pod.Owner is not { Kind: { Length: > 0 } kind, Name: { Length: > 0 } name })
            return new WorkloadRef(pod.Namespace, "Pod", pod.Name);
        return kind switch
        {
            "ReplicaSet" => ReplicaSetOwner(pod, name, snapshot),
            "Job" => JobOwner(pod.Namespace, name, snapshot),
            _ => new WorkloadRef(pod.Namespace, kind, name),
        };
    }

    /// <summary>The controller of a workload's pods (its DaemonSet, Deployment...), when the snapshot holds it.</summary>
    public static LiveController? Controller(WorkloadRef workload, ClusterSnapshot snapshot) =>
        snapshot.Controller(workload.Namespace, workload.Kind, workload.Name);

    private static WorkloadRef ReplicaSetOwner(LivePod pod, string replicaSet, ClusterSnapshot snapshot)
    {
        if (snapshot.Controller(pod.Namespace, "ReplicaSet", replicaSet) is { } live)
        {
            return live.Controller is { Kind: { Length: > 0 } kind, Name: { Length: > 0 } name }
                ? new WorkloadRef(pod.Namespace, kind, name)
                : new WorkloadRef(pod.Namespace, "ReplicaSet", replicaSet);
        }
        return pod.TemplateHash is { Length: > 0 } hash && replicaSet.EndsWith("-" + hash, StringComparison.Ordinal)
            ? new WorkloadRef(pod.Namespace, "Deployment", replicaSet[..^(hash.Length + 1)])
            : new WorkloadRef(pod.Namespace, "ReplicaSet", replicaSet);
    }

    private static WorkloadRef JobOwner(string @namespace, string job, ClusterSnapshot snapshot)
    {
        if (snapshot.Controller(@namespace, "Job", job) is { } live)
        {
            return live.Controller is { Kind: "CronJob", Name: { Length: > 0 } cronJob }
                ? new WorkloadRef(@namespace, "CronJob", cronJob)
                : new WorkloadRef(@namespace, "Job", job);
        }
        return ScheduledJobName().Match(job) is { Success: true } match && snapshot.Controller(@namespace, "CronJob", match.Groups[1].Value) is not null
            ? new WorkloadRef(@namespace, "CronJob", match.Groups[1].Value)
            : new WorkloadRef(@namespace, "Job", job);
    }

    [GeneratedRegex(@"^(.+)-\d+$")]
    private static partial Regex ScheduledJobName();
}
