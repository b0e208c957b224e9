using NodePools.Placement.Kubernetes;
using NodePools.Placement.Scheduling;
using static NodePools.Placement.Tests.K8s;

namespace NodePools.Placement.Tests.Scheduling;

/// <summary>ExtendedResourceToleration (an EKS default) and the DaemonSet controller's tolerations.</summary>
public class AdmissionTolerationsTests
{
    [Theory]
    [InlineData("nvidia.com/gpu", true)]
    [InlineData("example.com/dongle", true)]
    [InlineData("aws.amazon.com/neuron", true)]
    [InlineData("cpu", false)]
    [InlineData("memory", false)]
    [InlineData("hugepages-2Mi", false)]
    [InlineData("kubernetes.io/something", false)]
    [InlineData("foo.kubernetes.io/bar", false)]
    [InlineData("requests.example.com/x", false)]
    [InlineData("example.com/-bad", false)]
    public void Extended_resource_names(string name, bool extended) =>
        Assert.Equal(extended, AdmissionTolerations.IsExtendedResourceName(name));

    private static readonly SchedulingNode GpuNode = Node("gpu-1", "gpu=true", "nvidia.com/gpu=present:NoSchedule");

    [Fact]
    public void On_EKS_a_pod_requesting_a_GPU_tolerates_the_nvidia_NoSchedule_taint()
    {
        Assert.True(Scheduler.Evaluate(Pod(new PodSpec().WithGpuRequest()), GpuNode).Schedulable);
        Assert.True(Scheduler.Evaluate(Pod(new PodSpec().WithGpuRequest(asLimit: true)), GpuNode).Schedulable);
    }

    [Fact]
    public void Upstream_the_same_pod_does_not()
    {
        var verdict = Scheduler.Evaluate(Pod(new PodSpec().WithGpuRequest(), options: SchedulingOptions.Upstream), GpuNode);
        Assert.Equal(["node(s) had untolerated taint {nvidia.com/gpu: present}"], verdict.Reasons());
    }

    [Theory]
    [InlineData("nvidia.com/gpu=present:NoExecute")] // only NoSchedule is added
    [InlineData("workload=high-resource:NoSchedule")] // only the resource's own key
    public void The_added_toleration_covers_only_its_key_and_NoSchedule(string taint)
    {
        var node = Node("gpu-1", "", taint);
        Assert.False(Scheduler.Evaluate(Pod(new PodSpec().WithGpuRequest()), node).Schedulable);
    }

    [Fact]
    public void A_pod_not_requesting_the_resource_gets_nothing()
    {
        var pod = Pod(new PodSpec { Containers = [new Container { Name = "plugin" }] });
        Assert.False(Scheduler.Evaluate(pod, GpuNode).Schedulable);
        Assert.Empty(AdmissionTolerations.ForExtendedResources(pod.Spec));
    }

    [Fact]
    public void Init_containers_count_and_resources_are_added_once_sorted()
    {
        var spec = new PodSpec
        {
            Containers = [new Container { Resources = new ResourceRequirements { Requests = new() { ["nvidia.com/gpu"] = "1", ["cpu"] = "1" } } }],
            InitContainers = [new Container { Resources = new ResourceRequirements { Limits = new() { ["example.com/fpga"] = "1", ["nvidia.com/gpu"] = "1" } } }],
        };
        Assert.Equal(["example.com/fpga", "nvidia.com/gpu"], AdmissionTolerations.ForExtendedResources(spec).Select(t => t.Key));
    }

    [Theory]
    [InlineData("node.kubernetes.io/not-ready:NoExecute")]
    [InlineData("node.kubernetes.io/unreachable:NoExecute")]
    [InlineData("node.kubernetes.io/disk-pressure:NoSchedule")]
    [InlineData("node.kubernetes.io/memory-pressure:NoSchedule")]
    [InlineData("node.kubernetes.io/pid-pressure:NoSchedule")]
    [InlineData("node.kubernetes.io/unschedulable:NoSchedule")]
    public void DaemonSet_pods_tolerate_node_problems(string taint)
    {
        var node = Node("n", "", taint);
        Assert.True(Scheduler.Evaluate(Pod(new PodSpec(), WorkloadKinds.DaemonSet), node).Schedulable);
        Assert.False(Scheduler.Evaluate(Pod(new PodSpec()), node).Schedulable);
    }

    [Fact]
    public void DaemonSet_pods_run_on_cordoned_nodes()
    {
        var cordoned = new SchedulingNode("n", Labels(""), [], unschedulable: true);
        Assert.True(Scheduler.Evaluate(Pod(new PodSpec(), WorkloadKinds.DaemonSet), cordoned).Schedulable);
    }

    [Fact]
    public void Only_host_network_daemons_tolerate_network_unavailable()
    {
        var node = Node("n", "", "node.kubernetes.io/network-unavailable:NoSchedule");
        Assert.False(Scheduler.Evaluate(Pod(new PodSpec(), WorkloadKinds.DaemonSet), node).Schedulable);
        Assert.True(Scheduler.Evaluate(Pod(new PodSpec { HostNetwork = true }, WorkloadKinds.DaemonSet), node).Schedulable);
    }

    [Fact]
    public void A_DaemonSet_does_not_tolerate_a_pool_taint()
    {
        var gpuPool = Node("gpu-1", "gpu=true", "workload=high-resource:NoSchedule");
        Assert.Equal(["node(s) had untolerated taint {workload: high-resource}"],
            Scheduler.Evaluate(Pod(new PodSpec(), WorkloadKinds.DaemonSet), gpuPool).Reasons());
    }
}
