using NodePools.Placement.Explaining;
using NodePools.Placement.Manifests;
using NodePools.Placement.Scheduling;

namespace NodePools.Benchmarks;

/// <summary>
/// `explain --output summary` on a whole snapshot against the direct evaluation, pair by pair: the
/// equivalence classes must change the speed, never a count. Every pod against all 150,000 would be
/// 750 million direct pairs, so the pods checked are the first of each class and every
/// <c>stride</c>-th pod (bound pods and DaemonSet pods among them, as in the file).
/// </summary>
public static class SummaryExactness
{
    /// <summary>Checks the sampled pods; returns how many were checked and what differed (pod: expected / summary).</summary>
    public static (int Checked, IReadOnlyList<string> Differences) Check(string nodesFile, string podsFile, int stride)
    {
        var readingNodes = Task.Run(() => ManifestReader.ReadNodes(nodesFile).Items);
        var pods = ManifestReader.ReadPods(podsFile).Items;
        var nodes = readingNodes.GetAwaiter().GetResult();
        var matrix = ExplainMatrix.Build(nodes, pods, SchedulingOptions.Eks);
        var schedulingNodes = nodes.Select(SchedulingNode.From).ToArray();

        var firstOfClass = new HashSet<int>();
        var sample = Enumerable.Range(0, pods.Count).Where(p => firstOfClass.Add(matrix.PodClassOf(p)) || p % stride == 0).ToArray();
        var cache = new PodSummary?[matrix.PodClassCount];
        // The summaries as the writer takes them (shared per class), before the direct pass runs in parallel.
        var summaries = sample.Select(p => PodSummary.For(matrix, p, cache)).ToArray();
        var differences = new string?[sample.Length];
        Parallel.For(0, sample.Length, i =>
        {
            var source = pods[sample[i]];
            var pod = SchedulingPod.From(source.Name, source.Kind, source.Spec, SchedulingOptions.Eks);
            var expected = Direct(pod, schedulingNodes);
            if (Describe(expected) is var want && Describe(summaries[i]) is var got && want != got)
                differences[i] = $"{matrix.PodName(sample[i])}: direct {want} / summary {got}";
        });
        return (sample.Length, differences.OfType<string>().ToList());
    }

    /// <summary>The summary the pairs give one by one: fits, best nodes (score, then PreferNoSchedule, then input order), reasons.</summary>
    private static PodSummary Direct(SchedulingPod pod, SchedulingNode[] nodes)
    {
        var fits = 0;
        var reasons = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var candidates = new List<(int Node, PairVerdict Verdict)>();
        for (var n = 0; n < nodes.Length; n++)
        {
            var verdict = Scheduler.Evaluate(pod, nodes[n]);
            if (verdict.Schedulable)
            {
                fits++;
                candidates.Add((n, verdict));
                continue;
            }
            foreach (var reason in verdict.Reasons())
                reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
        }
        var best = candidates.OrderByDescending(c => c.Verdict.PreferredScore).ThenBy(c => c.Verdict.UntoleratedPreferNoSchedule).ThenBy(c => c.Node)
            .Take(PodSummary.BestCount).Select(c => nodes[c.Node].Name).ToList();
        return new PodSummary(fits, best, reasons);
    }

    private static string Describe(PodSummary summary) =>
        $"fits {summary.SchedulableNodes}, best [{string.Join(", ", summary.BestNodes)}], "
        + string.Join("; ", summary.Reasons.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Value} {r.Key}"));
}
