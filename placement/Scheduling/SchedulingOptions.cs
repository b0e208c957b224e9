namespace NodePools.Placement.Scheduling;

/// <summary>
/// What the simulated cluster does to pods before scheduling them. The defaults are EKS's.
/// </summary>
public sealed record SchedulingOptions
{
    /// <summary>
    /// The ExtendedResourceToleration admission plugin, which EKS enables: a pod requesting an
    /// extended resource tolerates a NoSchedule taint with that resource's name. Upstream Kubernetes
    /// leaves it off.
    /// </summary>
    public bool ExtendedResourceToleration { get; init; } = true;

    public static SchedulingOptions Eks { get; } = new();

    public static SchedulingOptions Upstream { get; } = new() { ExtendedResourceToleration = false };
}
