using NodePools.Placement.Kubernetes;
using NodePools.Placement.Scheduling;
using static NodePools.Placement.Tests.K8s;

namespace NodePools.Placement.Tests.Scheduling;

/// <summary>Toleration.ToleratesTaint, after core/v1 toleration_test.go.</summary>
public class TaintTolerationTests
{
    public static TheoryData<string, Toleration, string, bool> Cases => new()
    {
        { "Exists with an empty key tolerates every taint", Toleration(op: "Exists"), "foo=bar:NoExecute", true },
        { "Exists with an empty key and an effect tolerates that effect only", Toleration(op: "Exists", effect: "NoSchedule"), "foo=bar:NoExecute", false },
        { "Exists: same key and effect, taint without value", Toleration("foo", "Exists", effect: "NoExecute"), "foo:NoExecute", true },
        { "Exists: same key and effect, taint with a value", Toleration("foo", "Exists", effect: "NoExecute"), "foo=bar:NoExecute", true },
        { "Exists ignores a value it was given", Toleration("foo", "Exists", "other", "NoExecute"), "foo=bar:NoExecute", true },
        { "Equal: same key, value and effect", Toleration("foo", "Equal", "bar", "NoExecute"), "foo=bar:NoExecute", true },
        { "Equal: different value", Toleration("foo", "Equal", "value1", "NoExecute"), "foo=value2:NoExecute", false },
        { "Equal: different effect", Toleration("foo", "Equal", "bar", "NoExecute"), "foo=bar:NoSchedule", false },
        { "Equal: different key", Toleration("foo", "Equal", "bar", "NoSchedule"), "baz=bar:NoSchedule", false },
        { "an empty operator means Equal", Toleration("foo", value: "bar", effect: "NoSchedule"), "foo=bar:NoSchedule", true },
        { "an empty operator means Equal: values differ", Toleration("foo", value: "bar", effect: "NoSchedule"), "foo=baz:NoSchedule", false },
        { "Equal with no value matches a taint with no value", Toleration("foo", "Equal", effect: "NoSchedule"), "foo:NoSchedule", true },
        { "Equal with no value does not match a taint with a value", Toleration("foo", "Equal", effect: "NoSchedule"), "foo=bar:NoSchedule", false },
        { "an empty effect matches NoSchedule", Toleration("foo", "Equal", "bar"), "foo=bar:NoSchedule", true },
        { "an empty effect matches NoExecute", Toleration("foo", "Equal", "bar"), "foo=bar:NoExecute", true },
        { "an empty effect matches PreferNoSchedule", Toleration("foo", "Exists"), "foo:PreferNoSchedule", true },
        { "an empty key with Equal compares values only", Toleration(op: "Equal", value: "bar"), "anything=bar:NoSchedule", true },
        { "an empty key with Equal and another value", Toleration(op: "Equal", value: "bar"), "anything=baz:NoSchedule", false },
        { "keys are case-sensitive", Toleration("Foo", "Exists"), "foo:NoSchedule", false },
        { "values are case-sensitive", Toleration("foo", "Equal", "Bar"), "foo=bar:NoSchedule", false },
        { "effects are case-sensitive", Toleration("foo", "Exists", effect: "noschedule"), "foo:NoSchedule", false },
        { "an unknown operator tolerates nothing", Toleration("foo", "Exist", effect: "NoSchedule"), "foo:NoSchedule", false },
        { "an unknown lower-case operator tolerates nothing", Toleration("foo", "exists"), "foo:NoSchedule", false },
        { "Gt is not a toleration operator unless the alpha gate is on", Toleration("foo", "Gt", "1"), "foo=2:NoSchedule", false },
        { "tolerationSeconds does not change matching", Toleration("foo", "Exists", effect: "NoExecute", seconds: 30), "foo:NoExecute", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Tolerates_like_Kubernetes(string description, Toleration toleration, string taint, bool expected) =>
        Assert.True(expected == TaintToleration.Tolerates(toleration, Taint(taint)), description);

    [Theory]
    [InlineData("NoSchedule", true)]
    [InlineData("NoExecute", true)]
    [InlineData("PreferNoSchedule", false)]
    [InlineData("NoScheduled", false)]
    [InlineData("", false)]
    public void Only_NoSchedule_and_NoExecute_block_scheduling(string effect, bool blocks) =>
        Assert.Equal(blocks, TaintToleration.BlocksScheduling(new Taint { Key = "k", Effect = effect }));

    [Fact]
    public void The_first_untolerated_blocking_taint_is_reported()
    {
        var taints = Taints("soft:PreferNoSchedule", "a=1:NoSchedule", "b=2:NoExecute");
        var first = TaintToleration.FirstUntoleratedBlockingTaint(taints, [Toleration("a", "Exists")]);
        Assert.Equal("b", first?.Key);
        Assert.Null(TaintToleration.FirstUntoleratedBlockingTaint(taints, [Toleration("a", "Exists"), Toleration("b", "Equal", "2", "NoExecute")]));
    }

    [Fact]
    public void PreferNoSchedule_taints_are_counted_not_blocking()
    {
        var taints = Taints("a:PreferNoSchedule", "b:PreferNoSchedule", "c:NoSchedule");
        Assert.Equal(2, TaintToleration.CountUntoleratedPreferNoSchedule(taints, []));
        Assert.Equal(1, TaintToleration.CountUntoleratedPreferNoSchedule(taints, [Toleration("a", "Exists", effect: "PreferNoSchedule")]));
        Assert.Equal(0, TaintToleration.CountUntoleratedPreferNoSchedule(taints, [Toleration(op: "Exists")]));
        Assert.Equal(2, TaintToleration.CountUntoleratedPreferNoSchedule(taints, [Toleration(op: "Exists", effect: "NoSchedule")]));
    }

    [Theory]
    [InlineData("workload=gpu:NoSchedule", "node(s) had untolerated taint {workload: gpu}")]
    [InlineData("dedicated:NoExecute", "node(s) had untolerated taint {dedicated: }")]
    public void The_refusal_is_worded_as_the_scheduler_words_it(string taint, string expected) =>
        Assert.Equal(expected, TaintToleration.Reason(Taint(taint)));
}
