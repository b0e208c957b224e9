using NodePools.Placement.Kubernetes;

namespace NodePools.Placement.Scheduling;

/// <summary>
/// A pod's hard node constraints, as nodeaffinity.GetRequiredNodeAffinity: every nodeSelector pair
/// must match AND, when required node affinity is set, one of its terms must match. An empty or
/// missing term list matches no node; a term that does not parse matches no node.
/// </summary>
public sealed class RequiredNodeAffinity
{
    private readonly LabelRequirement[] _nodeSelector;
    private readonly NodeSelectorTermMatcher[]? _terms;

    private RequiredNodeAffinity(LabelRequirement[] nodeSelector, NodeSelectorTermMatcher[]? terms, IReadOnlyList<string> errors)
    {
        _nodeSelector = nodeSelector;
        _terms = terms;
        Errors = errors;
    }

    /// <summary>Parse errors of the required terms; Kubernetes ignores them at scheduling time (the term just never matches).</summary>
    public IReadOnlyList<string> Errors { get; }

    public static RequiredNodeAffinity From(PodSpec spec)
    {
        var nodeSelector = spec.NodeSelector?
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => LabelRequirement.Equal(pair.Key, pair.Value))
            .ToArray() ?? [];

        var required = spec.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution;
        if (required is null)
            return new RequiredNodeAffinity(nodeSelector, null, []);

        var errors = new List<string>();
        var terms = new List<NodeSelectorTermMatcher>();
        var declared = required.NodeSelectorTerms ?? [];
        for (var i = 0; i < declared.Count; i++)
        {
            if (NodeSelectorTermMatcher.IsEmpty(declared[i]))
                continue;
            var term = NodeSelectorTermMatcher.Parse(declared[i],
                $"spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[{i}]");
            errors.AddRange(term.Errors);
            terms.Add(term);
        }
        return new RequiredNodeAffinity(nodeSelector, [.. terms], errors);
    }

    public bool Matches(SchedulingNode node)
    {
        foreach (var requirement in _nodeSelector)
        {
            if (!requirement.Matches(node.Labels))
                return false;
        }
        if (_terms is null)
            return true;
        foreach (var term in _terms)
        {
            if (term.Matches(node))
                return true;
        }
        return false;
    }
}
