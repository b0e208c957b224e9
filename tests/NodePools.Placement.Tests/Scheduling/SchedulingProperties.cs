using FsCheck;
using FsCheck.Fluent;
using NodePools.Placement.Kubernetes;
using NodePools.Placement.Scheduling;
using static NodePools.Placement.Tests.K8s;

namespace NodePools.Placement.Tests.Scheduling;

/// <summary>Laws the Kubernetes rules obey, checked over generated taints, tolerations and selectors.</summary>
public class SchedulingProperties
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(1000);

    private static readonly string[] Keys = ["a", "b", "example.com/c"];
    private static readonly string[] Values = ["", "x", "y"];

    private static readonly Gen<Taint> Taints =
        from key in Gen.Elements(Keys)
        from value in Gen.Elements(Values)
        from effect in Gen.Elements(TaintEffects.All.ToArray())
        select new Taint { Key = key, Value = value.Length == 0 ? null : value, Effect = effect };

    private static readonly Gen<Toleration> Tolerations =
        from key in Gen.Elements(Keys.Append("").ToArray())
        from op in Gen.Elements("", "Equal", "Exists", "Exist")
        from value in Gen.Elements(Values)
        from effect in Gen.Elements(TaintEffects.All.Append("").ToArray())
        select new Toleration { Key = key, Operator = op, Value = value, Effect = effect };

    [Fact]
    public void Exists_with_no_key_and_no_effect_tolerates_every_taint() =>
        Check.One(Runs, Prop.ForAll(Taints.ToArbitrary(), taint => TaintToleration.Tolerates(Toleration(op: "Exists"), taint)));

    [Fact]
    public void A_toleration_copied_from_a_taint_tolerates_it() =>
        Check.One(Runs, Prop.ForAll(Taints.ToArbitrary(), taint =>
            TaintToleration.Tolerates(Toleration(taint.Key, "Equal", taint.Value, taint.Effect), taint)));

    [Fact]
    public void Dropping_a_tolerations_effect_never_tolerates_less() =>
        Check.One(Runs, Prop.ForAll(Tolerations.ToArbitrary(), Taints.ToArbitrary(), (toleration, taint) =>
            !TaintToleration.Tolerates(toleration, taint) || TaintToleration.Tolerates(toleration with { Effect = null }, taint)));

    [Fact]
    public void A_toleration_with_an_effect_tolerates_only_that_effect() =>
        Check.One(Runs, Prop.ForAll(Tolerations.ToArbitrary(), Taints.ToArbitrary(), (toleration, taint) =>
            !TaintToleration.Tolerates(toleration, taint) || string.IsNullOrEmpty(toleration.Effect) || toleration.Effect == taint.Effect));

    [Fact]
    public void In_and_NotIn_are_complements_on_present_labels() =>
        Check.One(Runs, Prop.ForAll(Gen.Elements(Values).ToArbitrary(), Gen.SubListOf(["x", "y", "z"]).Where(v => v.Count > 0).ToArbitrary(), (label, values) =>
        {
            var labels = Labels($"k={label}");
            var errors = new List<string>();
            var isIn = LabelRequirement.Parse(Expr("k", "In", [.. values]), "e", errors)!.Matches(labels);
            var notIn = LabelRequirement.Parse(Expr("k", "NotIn", [.. values]), "e", errors)!.Matches(labels);
            return isIn != notIn && errors.Count == 0;
        }));

    [Fact]
    public void Gt_Lt_and_equality_are_a_trichotomy_over_int64() =>
        Check.One(Runs, Prop.ForAll(ArbMap.Default.ArbFor<long>(), ArbMap.Default.ArbFor<long>(), (label, bound) =>
        {
            bound = bound == long.MinValue ? 0 : Math.Abs(bound); // a bound must be a valid label value: no sign
            var labels = Labels($"n={label}");
            var errors = new List<string>();
            var gt = LabelRequirement.Parse(Expr("n", "Gt", bound.ToString()), "e", errors)!.Matches(labels);
            var lt = LabelRequirement.Parse(Expr("n", "Lt", bound.ToString()), "e", errors)!.Matches(labels);
            return gt == label > bound && lt == label < bound && (gt ? 1 : 0) + (lt ? 1 : 0) + (label == bound ? 1 : 0) == 1;
        }));

    private static readonly Gen<NodeSelectorRequirement> Expressions =
        from key in Gen.Elements(Keys)
        from op in Gen.Elements("In", "NotIn", "Exists", "DoesNotExist")
        from value in Gen.Elements("x", "y")
        select op is "Exists" or "DoesNotExist" ? Expr(key, op) : Expr(key, op, value);

    private static readonly Gen<SchedulingNode> Nodes =
        from labels in Gen.SubListOf(["a=x", "a=y", "b=x", "example.com/c=y"])
        select Node("n", string.Join(',', labels.GroupBy(l => l.Split('=')[0]).Select(g => g.First())));

    [Fact]
    public void Adding_a_term_never_matches_fewer_nodes() =>
        Check.One(Runs, Prop.ForAll(Gen.ListOf(Expressions).ToArbitrary(), Gen.ListOf(Expressions).ToArbitrary(), Nodes.ToArbitrary(), (first, second, node) =>
        {
            var one = RequiredNodeAffinity.From(Required(Term([.. first]))).Matches(node);
            var two = RequiredNodeAffinity.From(Required(Term([.. first]), Term([.. second]))).Matches(node);
            return !one || two;
        }));

    [Fact]
    public void Adding_an_expression_never_matches_more_nodes() =>
        Check.One(Runs, Prop.ForAll(Gen.NonEmptyListOf(Expressions).ToArbitrary(), Expressions.ToArbitrary(), Nodes.ToArbitrary(), (expressions, extra, node) =>
        {
            var before = RequiredNodeAffinity.From(Required(Term([.. expressions]))).Matches(node);
            var after = RequiredNodeAffinity.From(Required(Term([.. expressions, extra]))).Matches(node);
            return before || !after;
        }));
}
