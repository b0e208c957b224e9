namespace NodePools.Placement.Scheduling;

/// <summary>The scheduler's refusals, shortened for table cells.</summary>
public static class ReasonText
{
    public static string Short(Refusal refusal) => refusal.Filter switch
    {
        FilterFailures.NodeAffinity => "affinity/selector",
        FilterFailures.NodeName => "nodeName",
        FilterFailures.NodeUnschedulable => "cordoned",
        FilterFailures.TaintToleration => $"taint {refusal.Subject}",
        _ => refusal.Reason,
    };

    /// <summary>One word per refusal, for wide matrices: "taint", "affinity", "nodeName", "cordoned", "resources".</summary>
    public static string Code(Refusal refusal) => refusal.Filter switch
    {
        FilterFailures.NodeAffinity => "affinity",
        FilterFailures.NodeName => "nodeName",
        FilterFailures.NodeUnschedulable => "cordoned",
        FilterFailures.TaintToleration => "taint",
        FilterFailures.NodeResourcesFit => "resources",
        _ => refusal.Reason,
    };

    public static string Codes(IEnumerable<Refusal> refusals) => string.Join("+", refusals.Select(Code));
}
