using NodePools.Placement.Kubernetes;

namespace NodePools.Placement.Scheduling;

/// <summary>
/// Preferred node affinity, as nodeaffinity.NewPreferredSchedulingTerms: terms with weight 0 or an
/// empty preference are skipped; the score of a node is the sum of the weights of the terms it
/// matches. If any term fails to parse, the scheduler rejects the whole set, so nothing scores.
/// </summary>
public sealed class PreferredNodeAffinity
{
    private readonly (NodeSelectorTermMatcher Term, int Weight)[] _terms;

    private PreferredNodeAffinity((NodeSelectorTermMatcher, int)[] terms, IReadOnlyList<string> errors)
    {
        _terms = terms;
        Errors = errors;
    }

    public IReadOnlyList<string> Errors { get; }

    public static PreferredNodeAffinity From(PodSpec spec)
    {
        var declared = spec.Affinity?.NodeAffinity?.PreferredDuringSchedulingIgnoredDuringExecution;
        if (declared is null || declared.Count == 0)
            return new PreferredNodeAffinity([], []);

        var errors = new List<string>();
        var terms = new List<(NodeSelectorTermMatcher, int)>();
        for (var i = 0; i < declared.Count; i++)
        {
            var preferred = declared[i];
            if (preferred.Weight == 0 || NodeSelectorTermMatcher.IsEmpty(preferred.Preference))
                continue;
            var term = NodeSelectorTermMatcher.Parse(preferred.Preference,
                $"spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[{i}].preference");
            if (term.IsValid)
                terms.Add((term, preferred.Weight));
            else
                errors.AddRange(term.Errors);
        }
        return errors.Count > 0 ? new PreferredNodeAffinity([], errors) : new PreferredNodeAffinity([.. terms], []);
    }

    public int Score(SchedulingNode node)
    {
        var score = 0;
        foreach (var (term, weight) in _terms)
        {
            if (term.Matches(node))
                score += weight;
        }
        return score;
    }
}
