using System.Globalization;

namespace NodePools.Placement.Audit;

/// <summary>
/// One pool as it runs: its nodes (Ready, cordoned), the pods on them, and their CPU and memory
/// requests against the nodes' allocatable — the view people open first.
/// </summary>
public sealed record PoolSummary(string Pool, int Nodes, int Ready, int Cordoned, int Pods, long CpuRequested, long CpuAllocatable, long MemoryRequested, long MemoryAllocatable)
{
    public static IReadOnlyList<PoolSummary> Of(AuditContext context) =>
        context.Plan.Pools.Select(pool =>
        {
            var nodes = context.NodesOf(pool.Name).ToList();
            return new PoolSummary(pool.Name, nodes.Count, nodes.Count(n => n.Live.Ready), nodes.Count(n => n.Live.Cordoned), nodes.Sum(n => n.PodCount),
                nodes.Sum(n => n.Requested.GetValueOrDefault("cpu")), nodes.Sum(n => n.Allocatable?.GetValueOrDefault("cpu") ?? 0),
                nodes.Sum(n => n.Requested.GetValueOrDefault("memory")), nodes.Sum(n => n.Allocatable?.GetValueOrDefault("memory") ?? 0));
        }).ToList();

    /// <summary>Millicores as cores: 3500 → "3.5".</summary>
    public static string Cores(long millicores) => (millicores / 1000.0).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Bytes as GiB: "7.5Gi", "0.12Gi".</summary>
    public static string Gibibytes(long bytes) => (bytes / (1024.0 * 1024 * 1024)).ToString(bytes < 1L << 30 ? "0.##" : "0.#", CultureInfo.InvariantCulture) + "Gi";
}
