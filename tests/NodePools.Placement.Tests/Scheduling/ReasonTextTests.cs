using NodePools.Placement.Kubernetes;
using NodePools.Placement.Scheduling;

namespace NodePools.Placement.Tests.Scheduling;

/// <summary>Refusals are typed by the filter that made them; table cells shorten them from the type, not by parsing the words.</summary>
public class ReasonTextTests
{
    private static readonly Taint Gpu = new() { Key = "nvidia.com/gpu", Value = "true", Effect = TaintEffects.NoSchedule };

    public static TheoryData<PairVerdict, string[], string[], string[]> Verdicts() => new()
    {
        { new PairVerdict(FilterFailures.NodeAffinity, null, 0, 0), [Scheduler.NodeAffinityReason], ["affinity/selector"], ["affinity"] },
        { new PairVerdict(FilterFailures.NodeName, null, 0, 0), [Scheduler.NodeNameReason], ["nodeName"], ["nodeName"] },
        { new PairVerdict(FilterFailures.NodeUnschedulable, null, 0, 0), [Scheduler.NodeUnschedulableReason], ["cordoned"], ["cordoned"] },
        {
            new PairVerdict(FilterFailures.TaintToleration, Gpu, 0, 0),
            ["node(s) had untolerated taint {nvidia.com/gpu: true}"], ["taint {nvidia.com/gpu: true}"], ["taint"]
        },
        {
            new PairVerdict(FilterFailures.NodeResourcesFit, null, 0, 0, ["Insufficient cpu", "Too many pods"]),
            ["Insufficient cpu", "Too many pods"], ["Insufficient cpu", "Too many pods"], ["resources", "resources"]
        },
        {
            // Every refusing filter, in plugin order; kube-scheduler reports only the first.
            new PairVerdict(FilterFailures.TaintToleration | FilterFailures.NodeAffinity, Gpu, 0, 0),
            ["node(s) had untolerated taint {nvidia.com/gpu: true}", Scheduler.NodeAffinityReason], ["taint {nvidia.com/gpu: true}", "affinity/selector"], ["taint", "affinity"]
        },
    };

    [Theory]
    [MemberData(nameof(Verdicts))]
    public void Each_refusal_is_worded_and_shortened_by_its_filter(PairVerdict verdict, string[] reasons, string[] shortened, string[] codes)
    {
        Assert.Equal(reasons, verdict.AllReasons());
        Assert.Equal(reasons.Take(verdict.Failures.HasFlag(FilterFailures.NodeResourcesFit) ? reasons.Length : 1), verdict.Reasons());
        Assert.Equal(shortened, verdict.AllRefusals().Select(ReasonText.Short));
        Assert.Equal(string.Join("+", codes), ReasonText.Codes(verdict.AllRefusals()));
    }
}
