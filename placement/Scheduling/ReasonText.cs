namespace NodePools.Placement.Scheduling;

/// <summary>The scheduler's refusals, shortened for table cells.</summary>
public static class ReasonText
{
    private const string TaintPrefix = "node(s) had untolerated taint ";

    public static string Short(string reason) => reason switch
    {
        Scheduler.NodeAffinityReason => "affinity/selector",
        Scheduler.NodeNameReason => "nodeName",
        Scheduler.NodeUnschedulableReason => "cordoned",
        _ when reason.StartsWith(TaintPrefix, StringComparison.Ordinal) => "taint " + reason[TaintPrefix.Length..],
        _ => reason,
    };

    /// <summary>One word per refusal, for wide matrices: "taint", "affinity", "nodeName", "cordoned".</summary>
    public static string Code(string reason) => reason switch
    {
        Scheduler.NodeAffinityReason => "affinity",
        Scheduler.NodeNameReason => "nodeName",
        Scheduler.NodeUnschedulableReason => "cordoned",
        _ when reason.StartsWith(TaintPrefix, StringComparison.Ordinal) => "taint",
        _ when reason.StartsWith("Insufficient ", StringComparison.Ordinal) || reason == "Too many pods" => "resources",
        _ => reason,
    };

    public static string Codes(IEnumerable<string> reasons) => string.Join("+", reasons.Select(Code));
}
