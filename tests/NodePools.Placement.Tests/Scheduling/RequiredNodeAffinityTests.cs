using NodePools.Placement.Kubernetes;
using NodePools.Placement.Scheduling;
using static NodePools.Placement.Tests.K8s;

namespace NodePools.Placement.Tests.Scheduling;

/// <summary>
/// nodeaffinity.GetRequiredNodeAffinity(pod).Match(node): nodeSelector AND (any term), terms ORed,
/// expressions ANDed; after component-helpers' nodeaffinity_test.go.
/// </summary>
public class RequiredNodeAffinityTests
{
    private static readonly SchedulingNode Node1 = Node("node-1", "zone=a,tier=gold,cores=8");

    public static TheoryData<string, PodSpec, bool> Cases => new()
    {
        { "no constraints", new PodSpec(), true },
        { "nodeSelector matches", new PodSpec { NodeSelector = Labels("zone=a") }, true },
        { "nodeSelector: every pair must match", new PodSpec { NodeSelector = Labels("zone=a,tier=silver") }, false },
        { "nodeSelector: a missing label fails", new PodSpec { NodeSelector = Labels("ssd=true") }, false },
        { "one matching term", Required(Term(Expr("zone", "In", "a"))), true },
        { "expressions in a term are ANDed", Required(Term(Expr("zone", "In", "a"), Expr("tier", "In", "silver"))), false },
        { "terms are ORed: the second matches", Required(Term(Expr("zone", "In", "b")), Term(Expr("tier", "In", "gold"))), true },
        { "terms are ORed: none matches", Required(Term(Expr("zone", "In", "b")), Term(Expr("tier", "In", "silver"))), false },
        { "an empty term list matches nothing", Required(), false },
        { "an empty term matches nothing", Required(new NodeSelectorTerm()), false },
        { "an empty term beside a matching one is skipped", Required(new NodeSelectorTerm(), Term(Expr("zone", "In", "a"))), true },
        { "a term with empty expression lists matches nothing", Required(new NodeSelectorTerm { MatchExpressions = [], MatchFields = [] }), false },
        { "an invalid requirement makes its term match nothing", Required(Term(Expr("zone", "In", "a"), Expr("cores", "Gt", "eight"))), false },
        { "an invalid term does not stop a valid one", Required(Term(Expr("cores", "Gt", "eight")), Term(Expr("zone", "In", "a"))), true },
        { "an unknown operator makes its term match nothing", Required(Term(Expr("zone", "Equals", "a"))), false },
        { "Exists with a value is invalid", Required(Term(Expr("zone", "Exists", "a"))), false },
        { "an invalid key is invalid", Required(Term(Expr("bad key", "Exists"))), false },
        { "matchFields on metadata.name: In", Required(FieldTerm(Expr("metadata.name", "In", "node-1"))), true },
        { "matchFields on metadata.name: In another", Required(FieldTerm(Expr("metadata.name", "In", "node-2"))), false },
        { "matchFields on metadata.name: NotIn", Required(FieldTerm(Expr("metadata.name", "NotIn", "node-2"))), true },
        { "matchFields needs exactly one value", Required(FieldTerm(Expr("metadata.name", "In", "node-1", "node-2"))), false },
        { "matchFields supports In and NotIn only", Required(FieldTerm(Expr("metadata.name", "Exists"))), false },
        { "matchFields on another field reads it as empty", Required(FieldTerm(Expr("metadata.uid", "In", "x"))), false },
        { "matchFields on another field: NotIn", Required(FieldTerm(Expr("metadata.uid", "NotIn", "x"))), true },
        {
            "labels and fields in one term are ANDed",
            Required(new NodeSelectorTerm { MatchExpressions = [Expr("zone", "In", "a")], MatchFields = [Expr("metadata.name", "In", "node-2")] }),
            false
        },
        {
            "nodeSelector AND affinity: both must hold",
            new PodSpec { NodeSelector = Labels("zone=b"), Affinity = Required(Term(Expr("zone", "In", "a"))).Affinity },
            false
        },
        {
            "a required affinity with null term list matches nothing",
            new PodSpec { Affinity = new Affinity { NodeAffinity = new NodeAffinity { RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector() } } },
            false
        },
        {
            "only preferred affinity: no hard constraint",
            new PodSpec { Affinity = new Affinity { NodeAffinity = new NodeAffinity() } },
            true
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_like_the_scheduler(string description, PodSpec spec, bool expected)
    {
        var affinity = RequiredNodeAffinity.From(spec);
        Assert.True(expected == affinity.Matches(Node1), description);
    }

    [Fact]
    public void A_node_without_a_name_skips_matchFields_as_Kubernetes_does()
    {
        var nameless = Node("", "zone=a");
        Assert.True(RequiredNodeAffinity.From(Required(FieldTerm(Expr("metadata.name", "In", "node-1")))).Matches(nameless));
    }

    [Fact]
    public void Parse_errors_are_reported_with_their_path()
    {
        var affinity = RequiredNodeAffinity.From(Required(Term(Expr("cores", "Gt", "eight"))));
        var error = Assert.Single(affinity.Errors);
        Assert.StartsWith("spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values[0]", error);
    }
}
