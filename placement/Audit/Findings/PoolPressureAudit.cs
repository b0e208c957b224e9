using System.Globalization;
using NodePools.Placement.Checks;

namespace NodePools.Placement.Audit;

/// <summary>pool-pressure: a pool whose pods request more than 90 % of its nodes' allocatable CPU or memory.</summary>
internal static class PoolPressureAudit
{
    public const double Threshold = 0.9;

    public static IEnumerable<AuditFinding> Find(AuditContext context)
    {
        foreach (var summary in context.Summaries)
        {
            var pressed = new List<string>();
            if (summary.CpuAllocatable > 0 && summary.CpuRequested > Threshold * summary.CpuAllocatable)
                pressed.Add($"CPU {PoolSummary.Cores(summary.CpuRequested)} of {PoolSummary.Cores(summary.CpuAllocatable)} ({Percent(summary.CpuRequested, summary.CpuAllocatable)})");
            if (summary.MemoryAllocatable > 0 && summary.MemoryRequested > Threshold * summary.MemoryAllocatable)
                pressed.Add($"memory {PoolSummary.Gibibytes(summary.MemoryRequested)} of {PoolSummary.Gibibytes(summary.MemoryAllocatable)} ({Percent(summary.MemoryRequested, summary.MemoryAllocatable)})");
            if (pressed.Count == 0)
                continue;
            var pool = context.Plan.Pool(summary.Pool);
            yield return new AuditFinding(summary.Pool, Rules.PoolPressure.Warning($"pool {summary.Pool}",
                $"its pods request {string.Join(" and ", pressed)} of its {summary.Nodes} nodes: a new pod may not fit until a node is added") with
            {
                Fix = summary.Nodes >= pool.Spec.Scaling.Max
                    ? $"the pool is at its maximum ({pool.Spec.Scaling.Max}): raise scaling.max, or move workloads off it"
                    : "the autoscaler adds nodes only for pods that do not fit; raise scaling.min to keep headroom",
            });
        }
    }

    private static string Percent(long part, long whole) => (part / (double)whole).ToString("P0", CultureInfo.InvariantCulture);
}
