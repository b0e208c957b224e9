namespace NodePools.Placement.Scheduling;

/// <summary>Kinds whose pods the simulation can place: a Pod, or a workload's pod template.</summary>
public static class WorkloadKinds
{
    public const string Pod = "Pod";
    public const string DaemonSet = "DaemonSet";
}
