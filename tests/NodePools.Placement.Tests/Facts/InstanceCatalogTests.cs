using NodePools.Placement.Planning;
using NodePools.Placement.Rendering;
using NodePools.Placement.Workloads;
using NodePools.Placement.Facts;
using NodePools.Placement.Input;

namespace NodePools.Placement.Tests.Facts;

/// <summary>What a node of each instance type can offer pods, as EKS computes it.</summary>
public class InstanceCatalogTests
{
    public static TheoryData<string, int, string, string, string, string, string?> Allocatable => new()
    {
        // instance type, disk GiB, cpu, memory (capacity - 11 MiB × pods - 255 MiB - 100 MiB eviction), pods, ephemeral-storage, nvidia.com/gpu
        { "m6i.large", 20, "1930m", "7518Mi", "29", "17408Mi", null },
        { "m6i.2xlarge", 20, "7910m", "31775Mi", "58", "17408Mi", null },
        { "c6i.2xlarge", 100, "7910m", "15391Mi", "58", "91136Mi", null },
        { "r6i.xlarge", 200, "3920m", "31775Mi", "58", "183296Mi", null },
        { "g5.xlarge", 100, "3920m", "15391Mi", "58", "91136Mi", "1" },
        { "t3.medium", 20, "1930m", "3554Mi", "17", "17408Mi", null },
    };

    [Theory]
    [MemberData(nameof(Allocatable))]
    public void Allocatable_is_capacity_less_EKS_reservations(string type, int disk, string cpu, string memory, string pods, string ephemeral, string? gpus)
    {
        var allocatable = InstanceCatalog.Allocatable(type, disk, nvidiaDriver: true)!;
        Assert.Equal(cpu, allocatable["cpu"]);
        Assert.Equal(memory, allocatable["memory"]);
        Assert.Equal(pods, allocatable["pods"]);
        Assert.Equal(ephemeral, allocatable["ephemeral-storage"]);
        Assert.Equal(gpus, allocatable.GetValueOrDefault("nvidia.com/gpu"));
    }

    [Theory]
    [InlineData(1, 60)]
    [InlineData(2, 70)]
    [InlineData(4, 80)]
    [InlineData(8, 90)]
    [InlineData(16, 110)]
    [InlineData(96, 310)]
    public void Kube_reserved_cpu_follows_the_EKS_ladder(int vcpus, int millicores) =>
        Assert.Equal(millicores, InstanceCatalog.ReservedMillicores(vcpus));

    [Fact]
    public void GPUs_count_only_with_the_NVIDIA_driver_and_unknown_types_state_nothing()
    {
        Assert.False(InstanceCatalog.Allocatable("g5.xlarge", 100, nvidiaDriver: false)!.ContainsKey("nvidia.com/gpu"));
        Assert.Null(InstanceCatalog.Allocatable("x9z.mega", 100, nvidiaDriver: false));
        Assert.Equal(InstanceCatalog.Find("m6i.xlarge"), InstanceCatalog.Find("m6id.xlarge"));
    }
}
