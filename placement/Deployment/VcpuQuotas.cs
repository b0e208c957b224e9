using NodePools.Placement.Declaration;
using NodePools.Placement.Facts;

namespace NodePools.Placement.Deployment;

/// <summary>One EC2 vCPU quota (Service Quotas, service ec2): the instance families it counts, for one capacity type.</summary>
public sealed record VcpuQuota(string Code, string Name, string CapacityType, IReadOnlyList<string> Families);

/// <summary>
/// The EC2 vCPU quotas a stack's pools run under, and how many vCPUs each pool needs of its quota at
/// its minimum, desired and maximum size. A new account's quotas are small (G and VT often 0), and a
/// node group whose minimum the quota cannot start ends CREATE_FAILED only after many minutes, so the
/// program compares before it declares anything. An instance family belongs to a quota by its letters
/// (g5 → G, vt1 → VT, m6i → M); a pool of several instance types needs, per node, at least its
/// smallest type's vCPUs and at most its largest's (Spot, and On-Demand falling back, may launch any).
/// </summary>
public static class VcpuQuotas
{
    public const string ServiceCode = "ec2";

    private static readonly string[] StandardFamilies = ["a", "c", "d", "h", "i", "m", "r", "t", "z"];

    public static readonly IReadOnlyList<VcpuQuota> All =
    [
        new("L-1216C47A", "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances", PoolSpec.OnDemand, StandardFamilies),
        new("L-DB2E81BA", "Running On-Demand G and VT instances", PoolSpec.OnDemand, ["g", "vt"]),
        new("L-417A185B", "Running On-Demand P instances", PoolSpec.OnDemand, ["p"]),
        new("L-34B43A08", "All Standard (A, C, D, H, I, M, R, T, Z) Spot Instance Requests", PoolSpec.Spot, StandardFamilies),
        new("L-3819A6DF", "All G and VT Spot Instance Requests", PoolSpec.Spot, ["g", "vt"]),
        new("L-7212CCBC", "All P Spot Instance Requests", PoolSpec.Spot, ["p"]),
    ];

    /// <summary>The quota an instance type counts against at a capacity type; null for families of other quotas (X, F, Inf, Trn, DL, HPC...).</summary>
    public static VcpuQuota? For(string instanceType, string capacityType)
    {
        var family = new string(instanceType.TakeWhile(char.IsAsciiLetter).ToArray()).ToLowerInvariant();
        return All.FirstOrDefault(quota => quota.CapacityType == capacityType && quota.Families.Contains(family));
    }

    /// <summary>Every pool's vCPUs by quota, and the pools that could not be counted (and why).</summary>
    public static VcpuDemand Demand(IReadOnlyList<PoolSpec> pools)
    {
        var counted = new List<PoolVcpus>();
        var uncounted = new List<UncountedPool>();
        foreach (var pool in pools)
        {
            var quotas = pool.InstanceTypes.Select(type => For(type, pool.CapacityType)).Distinct().ToList();
            var unknown = pool.InstanceTypes.Where(type => InstanceCatalog.Find(type) is null).ToList();
            if (quotas.Count != 1 || quotas[0] is not { } quota)
                uncounted.Add(new UncountedPool(pool.Name, quotas.Contains(null)
                    ? $"{string.Join(", ", pool.InstanceTypes.Where(type => For(type, pool.CapacityType) is null))}: a family no modelled vCPU quota counts"
                    : "its instance types count against different quotas"));
            else if (unknown.Count > 0)
                uncounted.Add(new UncountedPool(pool.Name, $"{string.Join(", ", unknown)}: vCPUs unknown (not in the instance catalogue)"));
            else
            {
                var vcpus = pool.InstanceTypes.Select(type => InstanceCatalog.Find(type)!.Vcpus).ToList();
                counted.Add(new PoolVcpus(pool.Name, quota, vcpus.Min(), vcpus.Max(), pool.Scaling));
            }
        }
        var needs = All.Select(quota => new QuotaNeed(quota, counted.Where(pool => pool.Quota == quota).ToList()))
            .Where(need => need.Pools.Count > 0)
            .ToList();
        return new VcpuDemand(needs, uncounted);
    }
}

/// <summary>One pool's nodes in vCPUs: at least <see cref="FewestPerNode"/> and at most <see cref="MostPerNode"/> each.</summary>
public sealed record PoolVcpus(string Pool, VcpuQuota Quota, int FewestPerNode, int MostPerNode, ScalingSpec Scaling)
{
    /// <summary>What the minimum size needs for certain: the program stops when the quota is below it.</summary>
    public int AtMin => Scaling.Min * FewestPerNode;

    public int AtDesired => Scaling.Desired * MostPerNode;
    public int AtMax => Scaling.Max * MostPerNode;

    public string PerNode => FewestPerNode == MostPerNode ? $"{MostPerNode}" : $"{FewestPerNode}-{MostPerNode}";
}

/// <summary>A pool whose vCPUs were not counted, and why.</summary>
public sealed record UncountedPool(string Pool, string Reason);

/// <summary>One quota and the pools counted against it.</summary>
public sealed record QuotaNeed(VcpuQuota Quota, IReadOnlyList<PoolVcpus> Pools)
{
    public int AtMin => Pools.Sum(pool => pool.AtMin);
    public int AtDesired => Pools.Sum(pool => pool.AtDesired);
    public int AtMax => Pools.Sum(pool => pool.AtMax);
}

/// <summary>What a stack needs of each quota; what a read of the account's quotas makes of it.</summary>
public sealed record VcpuDemand(IReadOnlyList<QuotaNeed> Quotas, IReadOnlyList<UncountedPool> Uncounted)
{
    /// <summary>
    /// Against the account's quota values (vCPUs, by quota code): an error per quota the minimum sizes
    /// exceed, a warning per quota the maximum sizes exceed. Instances outside the stack count against
    /// the same quotas, so a fit here is necessary, not sufficient.
    /// </summary>
    public QuotaCheck Against(IReadOnlyDictionary<string, double> quotas)
    {
        var errors = new List<string>();
        var warnings = new List<string>();
        foreach (var need in Quotas)
        {
            if (!quotas.TryGetValue(need.Quota.Code, out var quota))
                continue;
            var label = $"quota {need.Quota.Code} ({need.Quota.Name})";
            var increase = $"aws service-quotas request-service-quota-increase --service-code {VcpuQuotas.ServiceCode} --quota-code {need.Quota.Code} --desired-value";
            if (need.AtMin > quota)
            {
                var pools = need.Pools.Where(pool => pool.AtMin > 0).Select(pool => $"pool {pool.Pool} needs {pool.AtMin} vCPUs ({pool.Scaling.Min} × {pool.PerNode})");
                errors.Add($"{label} is {quota:0} vCPUs, and the minimum sizes need {need.AtMin}: {string.Join("; ", pools)}. "
                           + $"Nothing was created: raise the quota ({increase} {need.AtMin}) or lower the pools' min");
            }
            else if (need.AtMax > quota)
            {
                var pools = need.Pools.Where(pool => pool.AtMax > 0).Select(pool => $"pool {pool.Pool} {pool.AtMax} ({pool.Scaling.Max} × {pool.PerNode})");
                warnings.Add($"{label} is {quota:0} vCPUs, and the maximum sizes need {need.AtMax} ({string.Join(", ", pools)}): "
                             + $"the pools cannot grow that far ({increase} {need.AtMax})");
            }
        }
        foreach (var pool in Uncounted)
            warnings.Add($"pool {pool.Pool}: vCPU quota not checked: {pool.Reason}");
        return new QuotaCheck(errors, warnings);
    }
}

public sealed record QuotaCheck(IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings);
