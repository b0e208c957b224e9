using NodePools.Placement.Declaration;
using NodePools.Placement.Deployment;
using NodePools.Placement.Kubernetes;

namespace NodePools.Placement.Tests.Deployment;

/// <summary>Instance families to EC2 vCPU quotas, the vCPUs each quota needs, and what a read of the account's quotas makes of them.</summary>
public class VcpuQuotasTests
{
    public static TheoryData<string, string, string?> Families => new()
    {
        { "m6i.large", PoolSpec.OnDemand, "L-1216C47A" },
        { "t3.large", PoolSpec.OnDemand, "L-1216C47A" },
        { "r6i.xlarge", PoolSpec.OnDemand, "L-1216C47A" },
        { "c7gn.large", PoolSpec.OnDemand, "L-1216C47A" },
        { "i4i.large", PoolSpec.OnDemand, "L-1216C47A" },
        { "d3.xlarge", PoolSpec.OnDemand, "L-1216C47A" },
        { "z1d.large", PoolSpec.OnDemand, "L-1216C47A" },
        { "a1.large", PoolSpec.OnDemand, "L-1216C47A" },
        { "g5.xlarge", PoolSpec.OnDemand, "L-DB2E81BA" },
        { "g4dn.xlarge", PoolSpec.OnDemand, "L-DB2E81BA" },
        { "vt1.3xlarge", PoolSpec.OnDemand, "L-DB2E81BA" },
        { "p4d.24xlarge", PoolSpec.OnDemand, "L-417A185B" },
        { "m6i.large", PoolSpec.Spot, "L-34B43A08" },
        { "g5.xlarge", PoolSpec.Spot, "L-3819A6DF" },
        { "p5.48xlarge", PoolSpec.Spot, "L-7212CCBC" },
        // Families of quotas the program does not read: never counted as Standard by their first letter.
        { "inf2.xlarge", PoolSpec.OnDemand, null },
        { "hpc6a.48xlarge", PoolSpec.OnDemand, null },
        { "dl1.24xlarge", PoolSpec.OnDemand, null },
        { "x2idn.16xlarge", PoolSpec.OnDemand, null },
        { "trn1.2xlarge", PoolSpec.Spot, null },
        { "f1.2xlarge", PoolSpec.OnDemand, null },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public void An_instance_type_counts_against_its_familys_quota(string instanceType, string capacity, string? code) =>
        Assert.Equal(code, VcpuQuotas.For(instanceType, capacity)?.Code);

    private static PoolSpec Pool(string name, string capacity, int min, int desired, int max, params string[] types) => new()
    {
        Name = name, InstanceTypes = types, AmiType = "AL2023_x86_64_STANDARD", CapacityType = capacity, Scaling = new ScalingSpec(min, desired, max),
        DiskSize = 20, Labels = new Dictionary<string, string>(), Taints = Array.Empty<Taint>(), Update = new UpdateSpec(1, null), Protect = false,
    };

    private static readonly PoolSpec[] Stack =
    [
        Pool("system", PoolSpec.OnDemand, 2, 2, 4, "m6i.large"),
        Pool("services", PoolSpec.OnDemand, 3, 3, 6, "m6i.2xlarge"),
        Pool("worker", PoolSpec.Spot, 1, 2, 10, "c6i.xlarge", "c6i.2xlarge"),
        Pool("gpu", PoolSpec.OnDemand, 1, 1, 4, "g5.2xlarge"),
        Pool("inference", PoolSpec.OnDemand, 0, 0, 2, "inf2.xlarge"),
        Pool("custom", PoolSpec.OnDemand, 1, 1, 1, "m7i-flex.large"),
    ];

    [Fact]
    public void Each_quota_sums_its_pools_vCPUs_at_min_desired_and_max()
    {
        var demand = VcpuQuotas.Demand(Stack);
        var needs = demand.Quotas.ToDictionary(need => need.Quota.Code, need => (need.AtMin, need.AtDesired, need.AtMax));
        Assert.Equal(["L-1216C47A", "L-DB2E81BA", "L-34B43A08"], demand.Quotas.Select(need => need.Quota.Code));
        Assert.Equal((2 * 2 + 3 * 8, 2 * 2 + 3 * 8, 4 * 2 + 6 * 8), needs["L-1216C47A"]);
        // Spot may launch either size: the minimum needs the smaller for certain, the maximum may need the larger.
        Assert.Equal((1 * 4, 2 * 8, 10 * 8), needs["L-34B43A08"]);
        Assert.Equal((8, 8, 32), needs["L-DB2E81BA"]);
        Assert.Equal("4-8", demand.Quotas.Single(need => need.Quota.Code == "L-34B43A08").Pools.Single().PerNode);
        Assert.Equal([("inference", "inf2.xlarge: a family no modelled vCPU quota counts"), ("custom", "m7i-flex.large: vCPUs unknown (not in the instance catalogue)")],
            demand.Uncounted.Select(pool => (pool.Pool, pool.Reason)));
    }

    public static TheoryData<double, double, double, string[], string[]> Readings => new()
    {
        // on-demand Standard, on-demand G/VT, Standard Spot; the errors' and warnings' quota codes
        { 100, 100, 100, [], [] },
        { 28, 100, 100, [], ["L-1216C47A"] },
        { 27, 100, 100, ["L-1216C47A"], [] },
        { 100, 0, 100, ["L-DB2E81BA"], [] },
        { 100, 8, 79, [], ["L-DB2E81BA", "L-34B43A08"] },
        { 100, 100, 3, ["L-34B43A08"], [] },
    };

    [Theory]
    [MemberData(nameof(Readings))]
    public void Minimums_beyond_a_quota_are_errors_and_maximums_warnings(double standard, double gpu, double spot, string[] errors, string[] warnings)
    {
        var check = VcpuQuotas.Demand(Stack).Against(new Dictionary<string, double> { ["L-1216C47A"] = standard, ["L-DB2E81BA"] = gpu, ["L-34B43A08"] = spot });
        Assert.Equal(errors, check.Errors.Select(error => error.Split(' ')[1]));
        Assert.Equal(warnings, check.Warnings.Where(w => w.StartsWith("quota ", StringComparison.Ordinal)).Select(warning => warning.Split(' ')[1]));
        Assert.Equal(2, check.Warnings.Count(w => w.StartsWith("pool ", StringComparison.Ordinal))); // the uncounted pools, every time
    }

    [Fact]
    public void The_error_names_the_pool_the_quota_code_and_the_vCPUs_needed_and_how_to_raise_it()
    {
        var error = Assert.Single(VcpuQuotas.Demand(Stack).Against(new Dictionary<string, double> { ["L-DB2E81BA"] = 0 }).Errors);
        Assert.Equal("quota L-DB2E81BA (Running On-Demand G and VT instances) is 0 vCPUs, and the minimum sizes need 8: pool gpu needs 8 vCPUs (1 × 8). "
                     + "Nothing was created: raise the quota (aws service-quotas request-service-quota-increase --service-code ec2 --quota-code L-DB2E81BA --desired-value 8) or lower the pools' min",
            error);
    }

    [Fact]
    public void A_quota_that_was_not_read_is_not_judged()
    {
        var check = VcpuQuotas.Demand(Stack).Against(new Dictionary<string, double>());
        Assert.Empty(check.Errors);
        Assert.All(check.Warnings, warning => Assert.StartsWith("pool ", warning));
    }
}
