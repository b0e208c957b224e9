using NodePools.Placement.Kubernetes;
using NodePools.Placement.Scheduling;
using static NodePools.Placement.Tests.K8s;

namespace NodePools.Placement.Tests.Scheduling;

/// <summary>Quantities as resource.Quantity reads them, and NodeResourcesFit on an empty node.</summary>
public class ResourceFitTests
{
    [Theory]
    [InlineData("cpu", "500m", 500L)]
    [InlineData("cpu", "1", 1000L)]
    [InlineData("cpu", "1.5", 1500L)]
    [InlineData("cpu", "0.0001", 1L)]          // rounded up, as MilliValue does
    [InlineData("memory", "2e3", 2000L)]
    [InlineData("memory", "1Gi", 1073741824L)]
    [InlineData("memory", "1G", 1000000000L)]
    [InlineData("memory", "128974848", 128974848L)]
    [InlineData("memory", "129e6", 129000000L)]
    [InlineData("memory", "123Mi", 128974848L)]
    [InlineData("memory", "1.5Ki", 1536L)]
    [InlineData("memory", "100k", 100000L)]
    [InlineData("memory", "1E", 1000000000000000000L)]
    [InlineData("nvidia.com/gpu", "2", 2L)]
    public void Quantities(string resource, string text, long expected)
    {
        Assert.True(Quantity.TryParse(text, out var value));
        Assert.Equal(expected, Quantity.SchedulingUnits(resource, value));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" 1")]
    [InlineData("1 Gi")]
    [InlineData("1GiB")]
    [InlineData("one")]
    [InlineData("1e")]
    public void Invalid_quantities(string text) => Assert.False(Quantity.TryParse(text, out _));

    private static Container Requesting(string requests, string limits = "") => new()
    {
        Resources = new ResourceRequirements { Requests = Labels(requests), Limits = Labels(limits) },
    };

    [Fact]
    public void Effective_requests_sum_containers_take_the_largest_init_container_and_add_overhead()
    {
        var spec = new PodSpec
        {
            Containers = [Requesting("cpu=250m,memory=64Mi"), Requesting("cpu=250m", "memory=128Mi")],
            InitContainers = [Requesting("cpu=2"), Requesting("memory=32Mi")],
            Overhead = Labels("cpu=100m"),
        };
        var requests = ResourceFit.PodRequests(spec);
        Assert.Equal(2100L, requests["cpu"]);                   // max(500m, 2) + 100m
        Assert.Equal(192L * 1024 * 1024, requests["memory"]);   // 64Mi + 128Mi (limit stands in for the request)
    }

    [Fact]
    public void Names_the_scheduler_does_not_count_are_ignored()
    {
        var requests = ResourceFit.PodRequests(new PodSpec { Containers = [Requesting("cpu=1,foo=3,example.com/dongle=1,hugepages-2Mi=2Mi")] });
        Assert.Equal(["cpu", "example.com/dongle", "hugepages-2Mi"], requests.Keys.Order());
    }

    public static TheoryData<string, string, string[]> Fits => new()
    {
        // pod requests, node allocatable, expected reasons
        { "cpu=1,memory=1Gi", "cpu=2,memory=4Gi,pods=110", [] },
        { "cpu=3", "cpu=2,memory=4Gi,pods=110", ["Insufficient cpu"] },
        { "cpu=3,memory=8Gi", "cpu=2,memory=4Gi,pods=110", ["Insufficient cpu", "Insufficient memory"] },
        { "nvidia.com/gpu=1", "cpu=2,memory=4Gi,pods=110", ["Insufficient nvidia.com/gpu"] },
        { "nvidia.com/gpu=1", "cpu=2,nvidia.com/gpu=1,pods=110", [] },
        { "", "cpu=2,pods=0", ["Too many pods"] },
        { "", "cpu=0", [] },
        { "ephemeral-storage=30Gi", "ephemeral-storage=20Gi", ["Insufficient ephemeral-storage"] },
    };

    [Theory]
    [MemberData(nameof(Fits))]
    public void Fits_like_NodeResourcesFit(string requests, string allocatable, string[] expected)
    {
        var pod = Pod(new PodSpec { Containers = [Requesting(requests)] });
        var node = new SchedulingNode("n", Labels(""), [], allocatable: ResourceFit.Allocatable(new Node
        {
            Metadata = new ObjectMeta { Name = "n" },
            Status = new NodeStatus { Allocatable = Labels(allocatable) },
        }));
        var verdict = Scheduler.Evaluate(pod, node);
        Assert.Equal(expected, verdict.Reasons());
        Assert.Equal(expected.Length == 0, verdict.Schedulable);
    }

    [Fact]
    public void A_node_that_states_no_allocatable_is_not_checked()
    {
        var pod = Pod(new PodSpec { Containers = [Requesting("cpu=64,nvidia.com/gpu=8")] });
        Assert.True(Scheduler.Evaluate(pod, Node("template")).Schedulable);
    }

    [Fact]
    public void Resources_are_checked_after_taints_and_affinity()
    {
        var node = new SchedulingNode("n", Labels(""), Taints("a:NoSchedule"), allocatable: new Dictionary<string, long> { ["cpu"] = 1000 });
        var verdict = Scheduler.Evaluate(Pod(new PodSpec { Containers = [Requesting("cpu=2")] }), node);
        Assert.Equal(["node(s) had untolerated taint {a: }"], verdict.Reasons());
        Assert.Equal(["node(s) had untolerated taint {a: }", "Insufficient cpu"], verdict.AllReasons());
    }
}
