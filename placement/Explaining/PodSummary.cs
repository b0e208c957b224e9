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

    /// <summary>Per pod class, computed once from the class verdicts and the nodes the class names.</summary>
    public static PodSummary Of(ExplainMatrix matrix, int podClass)
    {
        var row = matrix.Row(podClass);
        var named = matrix.NamedNodes(podClass).ToHashSet();
        var schedulable = 0;
        var reasons = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var candidates = new List<(int Node, PairVerdict Verdict)>();

        for (var c = 0; c < row.Length; c++)
        {
            var verdict = row[c]!.Value;
            var members = matrix.NodeClassMembers(c);
            var unnamed = members.Count(node => !named.Contains(node));
            Count(verdict, unnamed, ref schedulable, reasons);
            if (verdict.Schedulable)
                candidates.AddRange(members.Where(node => !named.Contains(node)).Take(BestCount).Select(node => (node, verdict)));
        }
        foreach (var node in named)
        {
            var verdict = matrix.ClassVerdict(podClass, node);
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
