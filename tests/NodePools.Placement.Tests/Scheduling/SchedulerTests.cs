using NodePools.Placement.Kubernetes;
using NodePools.Placement.Scheduling;
using static NodePools.Placement.Tests.K8s;

namespace NodePools.Placement.Tests.Scheduling;

/// <summary>The filters together, as kube-scheduler runs them on one pod and one node.</summary>
public class SchedulerTests
{
    [Fact]
    public void A_pod_without_constraints_fits_an_untainted_node()
    {
        var verdict = Scheduler.Evaluate(Pod(new PodSpec()), Node("n"));
        Assert.True(verdict.Schedulable);
        Assert.Empty(verdict.Reasons());
    }

    [Fact]
    public void NoSchedule_and_NoExecute_block_PreferNoSchedule_only_counts()
    {
        var pod = Pod(new PodSpec());
        Assert.False(Scheduler.Evaluate(pod, Node("n", "", "a:NoSchedule")).Schedulable);
        Assert.False(Scheduler.Evaluate(pod, Node("n", "", "a:NoExecute")).Schedulable);
        var soft = Scheduler.Evaluate(pod, Node("n", "", "a:PreferNoSchedule", "b=1:PreferNoSchedule"));
        Assert.True(soft.Schedulable);
        Assert.Equal(2, soft.UntoleratedPreferNoSchedule);
    }

    [Fact]
    public void nodeName_pins_the_pod_to_one_node()
    {
        var pod = Pod(new PodSpec { NodeName = "node-a" });
        Assert.True(Scheduler.Evaluate(pod, Node("node-a")).Schedulable);
        var other = Scheduler.Evaluate(pod, Node("node-b"));
        Assert.Equal(FilterFailures.NodeName, other.Failures);
        Assert.Equal(["node(s) didn't match the requested node name"], other.Reasons());
    }

    [Fact]
    public void A_cordoned_node_refuses_pods_that_do_not_tolerate_unschedulable()
    {
        var cordoned = new SchedulingNode("n", Labels(""), [], unschedulable: true);
        Assert.Equal(["node(s) were unschedulable"], Scheduler.Evaluate(Pod(new PodSpec()), cordoned).Reasons());
        var tolerant = Pod(new PodSpec { Tolerations = [Toleration("node.kubernetes.io/unschedulable", "Exists", effect: "NoSchedule")] });
        Assert.True(Scheduler.Evaluate(tolerant, cordoned).Schedulable);
    }

    [Fact]
    public void Every_refusal_is_listed_in_plugin_order_and_the_scheduler_reports_the_first()
    {
        var node = new SchedulingNode("node-b", Labels("zone=a"), Taints("workload=gpu:NoSchedule"), unschedulable: true);
        var pod = Pod(new PodSpec { NodeName = "node-a", NodeSelector = Labels("zone=b") });
        Assert.Equal(["node(s) were unschedulable"], Scheduler.Evaluate(pod, node).Reasons());
        Assert.Equal(
            [
                "node(s) were unschedulable",
                "node(s) didn't match the requested node name",
                "node(s) had untolerated taint {workload: gpu}",
                "node(s) didn't match Pod's node affinity/selector",
            ],
            Scheduler.Evaluate(pod, node).AllReasons());
    }

    [Fact]
    public void The_seed_dispatch_pool_NoExecute_taint_needs_its_toleration()
    {
        var dispatch = Node("dispatch-1", "dispatch=true", "dispatch=true:NoExecute");
        var tolerated = Pod(new PodSpec { Tolerations = [Toleration("dispatch", "Equal", "true", "NoExecute")] });
        var wrongEffect = Pod(new PodSpec { Tolerations = [Toleration("dispatch", "Equal", "true", "NoSchedule")] });
        Assert.True(Scheduler.Evaluate(tolerated, dispatch).Schedulable);
        Assert.Equal(["node(s) had untolerated taint {dispatch: true}"], Scheduler.Evaluate(wrongEffect, dispatch).Reasons());
    }

    [Fact]
    public void The_seed_union_services_pool_admits_only_the_services_pods()
    {
        var services = Node("s", "union.ai/node-role=services", "union.ai/node-role=services:NoSchedule");
        var worker = Node("w", "union.ai/node-role=worker", "union.ai/node-role=worker:NoSchedule");
        var servicePod = Pod(Required(Term(Expr("union.ai/node-role", "In", "services"))) with
        {
            Tolerations = [Toleration("union.ai/node-role", "Equal", "services", "NoSchedule")],
        });
        Assert.True(Scheduler.Evaluate(servicePod, services).Schedulable);
        var onWorker = Scheduler.Evaluate(servicePod, worker);
        Assert.Equal(FilterFailures.TaintToleration | FilterFailures.NodeAffinity, onWorker.Failures);
        Assert.Equal(["node(s) had untolerated taint {union.ai/node-role: worker}"], onWorker.Reasons()); // TaintToleration runs before NodeAffinity
    }
}
