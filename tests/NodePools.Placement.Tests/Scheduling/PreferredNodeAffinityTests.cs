using NodePools.Placement.Kubernetes;
using NodePools.Placement.Scheduling;
using static NodePools.Placement.Tests.K8s;

namespace NodePools.Placement.Tests.Scheduling;

/// <summary>PreferredSchedulingTerms.Score: the sum of the weights of the matching terms.</summary>
public class PreferredNodeAffinityTests
{
    private static readonly SchedulingNode Node1 = Node("node-1", "zone=a,tier=gold");

    public static TheoryData<string, PodSpec, int> Cases => new()
    {
        { "no preferences", new PodSpec(), 0 },
        { "one matching term", Preferred((20, Term(Expr("zone", "In", "a")))), 20 },
        { "one non-matching term", Preferred((20, Term(Expr("zone", "In", "b")))), 0 },
        { "weights of matching terms add up", Preferred((20, Term(Expr("zone", "In", "a"))), (30, Term(Expr("tier", "Exists"))), (50, Term(Expr("gpu", "Exists")))), 50 },
        { "expressions in a term are ANDed", Preferred((40, Term(Expr("zone", "In", "a"), Expr("tier", "In", "silver")))), 0 },
        { "weight 0 is skipped", Preferred((0, Term(Expr("zone", "In", "a")))), 0 },
        { "an empty preference is skipped", Preferred((10, new NodeSelectorTerm()), (5, Term(Expr("zone", "In", "a")))), 5 },
        { "avoid: DoesNotExist scores where the label is absent", Preferred((100, Term(Expr("resource-constrained", "DoesNotExist")))), 100 },
        { "one invalid term voids every preference", Preferred((20, Term(Expr("zone", "In", "a"))), (30, Term(Expr("cores", "Gt", "x")))), 0 },
        { "matchFields in a preference", Preferred((7, FieldTerm(Expr("metadata.name", "In", "node-1")))), 7 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Scores_like_the_scheduler(string description, PodSpec spec, int expected)
    {
        var score = PreferredNodeAffinity.From(spec).Score(Node1);
        Assert.True(expected == score, $"{description}: expected {expected}, got {score}");
    }

    [Fact]
    public void Required_and_preferred_are_independent()
    {
        var spec = Required(Term(Expr("zone", "In", "b"))) with
        {
            Affinity = new Affinity
            {
                NodeAffinity = new NodeAffinity
                {
                    RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector { NodeSelectorTerms = [Term(Expr("zone", "In", "b"))] },
                    PreferredDuringSchedulingIgnoredDuringExecution = [new PreferredSchedulingTerm { Weight = 10, Preference = Term(Expr("zone", "In", "a")) }],
                },
            },
        };
        var verdict = Scheduler.Evaluate(Pod(spec), Node1);
        Assert.False(verdict.Schedulable);
        Assert.Equal(10, verdict.PreferredScore);
    }
}
