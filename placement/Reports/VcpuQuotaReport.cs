using NodePools.Placement.Deployment;

namespace NodePools.Placement.Reports;

/// <summary>
/// The EC2 vCPU quotas the pools run under, with the vCPUs each needs at the pools' minimum, desired
/// and maximum sizes: what to compare with `aws service-quotas get-service-quota` before the first `up`.
/// </summary>
public sealed record VcpuQuotaReport(IReadOnlyList<QuotaNeedReport> Quotas, IReadOnlyList<UncountedPool> Uncounted)
{
    public static VcpuQuotaReport From(VcpuDemand demand) => new(
        demand.Quotas.Select(need => new QuotaNeedReport(
            need.Quota.Code, need.Quota.Name, need.Quota.CapacityType, need.AtMin, need.AtDesired, need.AtMax,
            need.Pools.Select(pool => new PoolVcpusReport(pool.Pool, pool.PerNode, pool.AtMin, pool.AtDesired, pool.AtMax)).ToList())).ToList(),
        demand.Uncounted);
}

/// <summary>One quota: vCPUs at the minimum (certain: the smallest instance type), desired and maximum (the largest) sizes.</summary>
public sealed record QuotaNeedReport(string Code, string Name, string CapacityType, int Min, int Desired, int Max, IReadOnlyList<PoolVcpusReport> Pools);

/// <summary>One pool's share of a quota; vCPUs per node is one figure, or a range for pools of several instance sizes.</summary>
public sealed record PoolVcpusReport(string Pool, string VcpusPerNode, int Min, int Desired, int Max);
