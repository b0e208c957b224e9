using NodePools.Placement.Kubernetes;
using NodePools.Placement.Kubernetes.Validation;

namespace NodePools.Placement.Scheduling;

public enum SelectorOperator { In, NotIn, Exists, DoesNotExist, GreaterThan, LessThan, Equals }

/// <summary>
/// One parsed label requirement, as k8s.io/apimachinery/pkg/labels.Requirement: validated once when
/// built, then matched against node labels many times.
/// </summary>
public sealed class LabelRequirement
{
    private readonly string[] _values;
    private readonly long _bound;

    private LabelRequirement(string key, SelectorOperator op, string[] values, long bound)
    {
        Key = key;
        Operator = op;
        _values = values;
        _bound = bound;
    }

    public string Key { get; }
    public SelectorOperator Operator { get; }
    public IReadOnlyList<string> Values => _values;

    /// <summary>An equality requirement from a pod's nodeSelector map (labels.SelectorFromSet: not validated).</summary>
    public static LabelRequirement Equal(string key, string value) => new(key, SelectorOperator.Equals, [value], 0);

    /// <summary>
    /// Parses a node selector requirement as nodeaffinity.nodeSelectorRequirementsAsSelector does:
    /// an unknown operator, an invalid key or value, a wrong number of values or a non-integer Gt/Lt
    /// value make the requirement invalid (and so its term matches nothing).
    /// </summary>
    public static LabelRequirement? Parse(NodeSelectorRequirement expression, string path, List<string> errors)
    {
        SelectorOperator op;
        switch (expression.Operator)
        {
            case NodeSelectorOperators.In: op = SelectorOperator.In; break;
            case NodeSelectorOperators.NotIn: op = SelectorOperator.NotIn; break;
            case NodeSelectorOperators.Exists: op = SelectorOperator.Exists; break;
            case NodeSelectorOperators.DoesNotExist: op = SelectorOperator.DoesNotExist; break;
            case NodeSelectorOperators.Gt: op = SelectorOperator.GreaterThan; break;
            case NodeSelectorOperators.Lt: op = SelectorOperator.LessThan; break;
            default:
                errors.Add($"{path}.operator: Unsupported value: \"{expression.Operator}\"");
                return null;
        }

        var values = expression.Values?.ToArray() ?? [];
        var before = errors.Count;
        foreach (var message in NameRules.QualifiedName(expression.Key))
            errors.Add($"{path}.key: Invalid value: \"{expression.Key}\": {message}");

        long bound = 0;
        switch (op)
        {
            case SelectorOperator.In or SelectorOperator.NotIn when values.Length == 0:
                errors.Add($"{path}.values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty");
                break;
            case SelectorOperator.Exists or SelectorOperator.DoesNotExist when values.Length != 0:
                errors.Add($"{path}.values: Invalid value: [{string.Join(", ", values)}]: values set must be empty for exists and does not exist");
                break;
            case SelectorOperator.GreaterThan or SelectorOperator.LessThan:
                if (values.Length != 1)
                    errors.Add($"{path}.values: Invalid value: [{string.Join(", ", values)}]: for 'Gt', 'Lt' operators, exactly one value is required");
                for (var i = 0; i < values.Length; i++)
                {
                    if (!GoInteger.TryParse(values[i], out bound))
                        errors.Add($"{path}.values[{i}]: Invalid value: \"{values[i]}\": for 'Gt', 'Lt' operators, the value must be an integer");
                }
                break;
        }

        for (var i = 0; i < values.Length; i++)
        {
            foreach (var message in NameRules.LabelValue(values[i]))
                errors.Add($"{path}.values[{i}]: Invalid value: \"{values[i]}\": {message}");
        }

        return errors.Count == before ? new LabelRequirement(expression.Key, op, values, bound) : null;
    }

    /// <summary>Requirement.Matches: a missing key satisfies NotIn and DoesNotExist only.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var present = labels.TryGetValue(Key, out var actual);
        switch (Operator)
        {
            case SelectorOperator.In or SelectorOperator.Equals:
                return present && Contains(actual!);
            case SelectorOperator.NotIn:
                return !present || !Contains(actual!);
            case SelectorOperator.Exists:
                return present;
            case SelectorOperator.DoesNotExist:
                return !present;
            case SelectorOperator.GreaterThan or SelectorOperator.LessThan:
                // An unparsable node label value matches nothing.
                if (!present || !GoInteger.TryParse(actual!, out var labelValue))
                    return false;
                return Operator == SelectorOperator.GreaterThan ? labelValue > _bound : labelValue < _bound;
            default:
                return false;
        }
    }

    private bool Contains(string value)
    {
        foreach (var candidate in _values)
        {
            if (string.Equals(candidate, value, StringComparison.Ordinal))
                return true;
        }
        return false;
    }
}
