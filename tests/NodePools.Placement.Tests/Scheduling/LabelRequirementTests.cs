using NodePools.Placement.Kubernetes;
using NodePools.Placement.Scheduling;
using static NodePools.Placement.Tests.K8s;

namespace NodePools.Placement.Tests.Scheduling;

/// <summary>labels.Requirement.Matches for every node selector operator, against present and missing labels.</summary>
public class LabelRequirementTests
{
    public static TheoryData<string, string, string[], string, bool> Operators => new()
    {
        // operator, key, values, node labels, matches
        { "In", "zone", ["a", "b"], "zone=a", true },
        { "In", "zone", ["a", "b"], "zone=c", false },
        { "In", "zone", ["a"], "", false },
        { "In", "zone", ["A"], "zone=a", false },              // case-sensitive
        { "In", "zone", [""], "zone=", true },                 // empty value is a value
        { "NotIn", "zone", ["a", "b"], "zone=c", true },
        { "NotIn", "zone", ["a", "b"], "zone=a", false },
        { "NotIn", "zone", ["a"], "", true },                  // a missing label satisfies NotIn
        { "Exists", "gpu", [], "gpu=true", true },
        { "Exists", "gpu", [], "gpu=", true },
        { "Exists", "gpu", [], "", false },
        { "DoesNotExist", "gpu", [], "", true },
        { "DoesNotExist", "gpu", [], "gpu=false", false },
        { "Gt", "cores", ["4"], "cores=8", true },
        { "Gt", "cores", ["4"], "cores=4", false },
        { "Gt", "cores", ["4"], "cores=3", false },
        { "Gt", "cores", ["0"], "cores=-1", false },           // node label values are not validated when matched
        { "Gt", "cores", ["4"], "", false },                   // missing label: no match
        { "Gt", "cores", ["4"], "cores=eight", false },        // unparsable node value: no match
        { "Gt", "cores", ["4"], "cores=8.0", false },
        { "Gt", "cores", ["4"], "cores=+8", true },
        { "Gt", "cores", ["4"], "cores=0008", true },
        { "Lt", "cores", ["4"], "cores=3", true },
        { "Lt", "cores", ["4"], "cores=4", false },
        { "Lt", "cores", ["4"], "cores=-9223372036854775808", true },
        { "Lt", "cores", ["4"], "cores=99999999999999999999", false }, // overflows int64
        { "Lt", "cores", ["4"], "", false },
    };

    [Theory]
    [MemberData(nameof(Operators))]
    public void Matches_like_labels_Requirement(string op, string key, string[] values, string labels, bool expected)
    {
        var errors = new List<string>();
        var requirement = LabelRequirement.Parse(Expr(key, op, values), "expr", errors);
        Assert.Empty(errors);
        Assert.Equal((key, values.Length), (requirement!.Key, requirement.Values.Count));
        Assert.Equal(expected, requirement.Matches(Labels(labels)));
    }

    public static TheoryData<string, string, string[], string> Invalid => new()
    {
        // operator, key, values, the rule broken
        { "In", "zone", [], "values set can't be empty" },
        { "NotIn", "zone", [], "values set can't be empty" },
        { "Exists", "gpu", ["true"], "values set must be empty for exists and does not exist" },
        { "DoesNotExist", "gpu", ["x"], "values set must be empty for exists and does not exist" },
        { "Gt", "cores", [], "exactly one value is required" },
        { "Gt", "cores", ["1", "2"], "exactly one value is required" },
        { "Gt", "cores", ["four"], "the value must be an integer" },
        { "Lt", "cores", ["1.5"], "the value must be an integer" },
        { "Lt", "cores", [" 1"], "the value must be an integer" },
        { "Gt", "cores", ["-1"], "a valid label must be an empty string" }, // a negative bound is not a valid label value
        { "Gt", "cores", ["+1"], "a valid label must be an empty string" },
        { "In", "-bad-key", ["a"], "name part must consist of" },
        { "In", "zone", ["bad value"], "a valid label must be an empty string" },
        { "Equals", "zone", ["a"], "Unsupported value: \"Equals\"" },
        { "in", "zone", ["a"], "Unsupported value: \"in\"" }, // operators are case-sensitive
        { "", "zone", ["a"], "Unsupported value: \"\"" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_requirements_are_refused_with_the_rule(string op, string key, string[] values, string rule)
    {
        var errors = new List<string>();
        var requirement = LabelRequirement.Parse(Expr(key, op, values), "expr", errors);
        Assert.Null(requirement);
        Assert.Contains(errors, error => error.Contains(rule, StringComparison.Ordinal));
    }

    [Fact]
    public void A_nodeSelector_pair_is_an_exact_equality()
    {
        var requirement = LabelRequirement.Equal("disktype", "ssd");
        Assert.True(requirement.Matches(Labels("disktype=ssd")));
        Assert.False(requirement.Matches(Labels("disktype=SSD")));
        Assert.False(requirement.Matches(Labels("")));
        Assert.Equal(SelectorOperator.Equals, requirement.Operator);
    }

    [Fact]
    public void Gt_with_the_full_int64_range()
    {
        var errors = new List<string>();
        var requirement = LabelRequirement.Parse(Expr("n", NodeSelectorOperators.Gt, "9223372036854775806"), "expr", errors)!;
        Assert.True(requirement.Matches(Labels("n=9223372036854775807")));
        Assert.False(requirement.Matches(Labels("n=9223372036854775806")));
    }
}
