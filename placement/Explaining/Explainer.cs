using System.Text.Json.Serialization;
using NodePools.Placement.Kubernetes;
using NodePools.Placement.Manifests;
using NodePools.Placement.Scheduling;

namespace NodePools.Placement.Explaining;

/// <summary>One pod against one node, in the form `nodepools explain` reports it.</summary>
public sealed record PairExplanation(
    string Pod,
    string Node,
    bool Schedulable,
    IReadOnlyList<string> Reasons,
    int PreferredScore,
    int UntoleratedPreferNoSchedule)
{
    /// <summary>Every refusal, not only the one kube-scheduler reports (for people; not part of the JSON contract).</summary>
    [JsonIgnore]
    public IReadOnlyList<string> AllReasons => Refusals.Count > 0 ? [.. Refusals.Select(refusal => refusal.Reason)] : Reasons;

    /// <summary>Every refusal, typed (not part of the JSON contract).</summary>
    [JsonIgnore]
    public IReadOnlyList<Refusal> Refusals { get; init; } = [];
}

/// <summary>Evaluates every pod against every node: pods outer, nodes inner, in input order.</summary>
public static class Explainer
{
    public static IReadOnlyList<PairExplanation> Explain(
        IReadOnlyList<Node> nodes, IReadOnlyList<PodSource> pods, SchedulingOptions options)
    {
        var schedulingNodes = nodes.Select(SchedulingNode.From).ToArray();
        var results = new List<PairExplanation>(nodes.Count * pods.Count);
        foreach (var source in pods)
        {
            var pod = SchedulingPod.From(source.Name, source.Kind, source.Spec, options);
            foreach (var node in schedulingNodes)
            {
                var verdict = Scheduler.Evaluate(pod, node);
                results.Add(new PairExplanation(pod.Name, node.Name, verdict.Schedulable, verdict.Reasons(),
                    verdict.PreferredScore, verdict.UntoleratedPreferNoSchedule) { Refusals = verdict.AllRefusals() });
            }
        }
        return results;
    }

    /// <summary>What the simulation added or ignored per pod (admission tolerations, unparsable terms).</summary>
    public static IEnumerable<(string Pod, string Note)> Notes(IReadOnlyList<PodSource> pods, SchedulingOptions options) =>
        pods.SelectMany(source => SchedulingPod.From(source.Name, source.Kind, source.Spec, options).Notes
            .Select(note => (source.Name, note)));
}
