using NodePools.Placement.Kubernetes;

namespace NodePools.Placement.Scheduling;

/// <summary>
/// One parsed node selector term, as component-helpers nodeaffinity.nodeSelectorTerm: label
/// expressions and metadata.name field expressions, all ANDed. A term that failed to parse matches
/// nothing; an empty term is dropped before it gets here.
/// </summary>
public sealed class NodeSelectorTermMatcher
{
    private readonly LabelRequirement[]? _labels;
    private readonly FieldRequirement[]? _fields;

    private NodeSelectorTermMatcher(LabelRequirement[]? labels, FieldRequirement[]? fields, IReadOnlyList<string> errors)
    {
        _labels = labels;
        _fields = fields;
        Errors = errors;
    }

    public IReadOnlyList<string> Errors { get; }

    public static bool IsEmpty(NodeSelectorTerm? term) =>
        term is null || ((term.MatchExpressions?.Count ?? 0) == 0 && (term.MatchFields?.Count ?? 0) == 0);

    public static NodeSelectorTermMatcher Parse(NodeSelectorTerm term, string path)
    {
        var errors = new List<string>();
        LabelRequirement[]? labels = null;
        FieldRequirement[]? fields = null;
        if (term.MatchExpressions is { Count: > 0 } expressions)
        {
            var parsed = new List<LabelRequirement>(expressions.Count);
            for (var i = 0; i < expressions.Count; i++)
            {
                var requirement = LabelRequirement.Parse(expressions[i], $"{path}.matchExpressions[{i}]", errors);
                if (requirement is not null)
                    parsed.Add(requirement);
            }
            labels = [.. parsed];
        }
        if (term.MatchFields is { Count: > 0 } fieldExpressions)
        {
            var parsed = new List<FieldRequirement>(fieldExpressions.Count);
            for (var i = 0; i < fieldExpressions.Count; i++)
            {
                var requirement = FieldRequirement.Parse(fieldExpressions[i], $"{path}.matchFields[{i}]", errors);
                if (requirement is not null)
                    parsed.Add(requirement);
            }
            fields = [.. parsed];
        }
        return new NodeSelectorTermMatcher(labels, fields, errors);
    }

    public bool IsValid => Errors.Count == 0;

    public bool Matches(SchedulingNode node)
    {
        if (!IsValid || (_labels is null && _fields is null))
            return false;
        if (_labels is not null)
        {
            foreach (var requirement in _labels)
            {
                if (!requirement.Matches(node.Labels))
                    return false;
            }
        }
        // Kubernetes only checks fields when the node has some: a node without a name skips them.
        if (_fields is not null && node.Name.Length > 0)
        {
            foreach (var requirement in _fields)
            {
                if (!requirement.Matches(node.Name))
                    return false;
            }
        }
        return true;
    }
}

/// <summary>
/// A matchFields requirement: In or NotIn with exactly one value (fields.OneTermEqualSelector /
/// OneTermNotEqualSelector). The only node field is metadata.name; any other key reads as "".
/// </summary>
public sealed class FieldRequirement
{
    private readonly string _key;
    private readonly string _value;
    private readonly bool _equal;

    private FieldRequirement(string key, string value, bool equal)
    {
        _key = key;
        _value = value;
        _equal = equal;
    }

    public static FieldRequirement? Parse(NodeSelectorRequirement expression, string path, List<string> errors)
    {
        var equal = expression.Operator == NodeSelectorOperators.In;
        if (!equal && expression.Operator != NodeSelectorOperators.NotIn)
        {
            errors.Add($"{path}.operator: Unsupported value: \"{expression.Operator}\": supported values: \"In\", \"NotIn\"");
            return null;
        }
        if (expression.Values is not { Count: 1 } values)
        {
            errors.Add($"{path}.values: Invalid value: must have one element");
            return null;
        }
        return new FieldRequirement(expression.Key, values[0], equal);
    }

    public bool Matches(string nodeName)
    {
        var actual = _key == WellKnownLabels.MetadataNameField ? nodeName : "";
        return string.Equals(actual, _value, StringComparison.Ordinal) == _equal;
    }
}
