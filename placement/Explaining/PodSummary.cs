using NodePools.Placement.Scheduling;

namespace NodePools.Placement.Explaining;

/// <summary>
/// One pod against all nodes, as kube-scheduler sums it up: how many nodes it fits, the best of them
/// (highest preferred node affinity score, then fewest untolerated PreferNoSchedule taints, then
/// input order), and how many nodes refuse it for each reason, in the scheduler's words.
/// </summary>
public sealed record PodSummary(int SchedulableNodes, IReadOnlyList<string> BestNodes, IReadOnlyDictionary<string, int> Reasons)
{
    public const int BestCount = 5;

    /// <summary>
    /// One pod's summary. Pods that name no node share theirs with their class (<see cref="For"/>
    /// caches it); a pod that names nodes has its own verdicts on those.
    /// </summary>
    public static PodSummary Of(ExplainMatrix matrix, int pod)
    {
        var row = matrix.Row(matrix.PodClassOf(pod));
        var named = matrix.NamedNodes(pod);
        var namedNodes = named.Select(n => n.Node).ToHashSet();
        var namedPerClass = namedNodes.GroupBy(matrix.NodeClassOf).ToDictionary(g => g.Key, g => g.Count());
        var schedulable = 0;
        var reasons = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var candidates = new List<(int Node, PairVerdict Verdict)>();

        for (var c = 0; c < row.Length; c++)
        {
            var verdict = row[c]!.Value;
            Count(verdict, matrix.NodeClassSize(c) - namedPerClass.GetValueOrDefault(c), ref schedulable, reasons);
            if (!verdict.Schedulable)
                continue;
            // The class's first nodes in input order, past those the pod names (they have verdicts of their own).
            var taken = 0;
            foreach (var node in matrix.NodeClassMembers(c))
            {
                if (taken == BestCount)
                    break;
                if (namedNodes.Contains(node))
                    continue;
                candidates.Add((node, verdict));
                taken++;
            }
        }
        foreach (var (node, verdict) in named)
        {
            Count(verdict, 1, ref schedulable, reasons);
            if (verdict.Schedulable)
                candidates.Add((node, verdict));
        }

        var best = candidates
            .OrderByDescending(c => c.Verdict.PreferredScore)
            .ThenBy(c => c.Verdict.UntoleratedPreferNoSchedule)
            .ThenBy(c => c.Node)
            .Take(BestCount)
            .Select(c => matrix.NodeName(c.Node))
            .ToList();
        return new PodSummary(schedulable, best, reasons);
    }

    /// <summary>A pod's summary, shared through <paramref name="cache"/> (one slot per pod class) when it names no node.</summary>
    public static PodSummary For(ExplainMatrix matrix, int pod, PodSummary?[] cache) =>
        matrix.NamesNodes(pod) ? Of(matrix, pod) : cache[matrix.PodClassOf(pod)] ??= Of(matrix, pod);

    private static void Count(PairVerdict verdict, int nodes, ref int schedulable, SortedDictionary<string, int> reasons)
    {
        if (nodes == 0)
            return;
        if (verdict.Schedulable)
        {
            schedulable += nodes;
            return;
        }
        foreach (var reason in verdict.Reasons())
            reasons[reason] = reasons.GetValueOrDefault(reason) + nodes;
    }
}
