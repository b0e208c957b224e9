using NodePools.Placement.Planning;

namespace NodePools.Placement.Checks;

/// <summary>gpu-request-without-gpu: a slot requests nvidia.com/gpu but every pool it fits lacks GPU instances.</summary>
internal static class GpuRequestRule
{
    public const string NvidiaGpu = "nvidia.com/gpu";

    public static IEnumerable<Finding> Check(StackPlan plan) =>
        plan.Slots
            .Where(slot => slot.Spec.Requests.ContainsKey(NvidiaGpu) && slot.Feasible.Any())
            .Where(slot => slot.Feasible.All(v => !plan.Pool(v.Pool).HasGpuInstances))
            .Select(slot => new Finding(Severity.Error, "gpu-request-without-gpu", slot.Id,
                $"requests {NvidiaGpu} but fits only pools without GPU instances ({string.Join(", ", slot.Feasible.Select(v => v.Pool))}): its pods would stay Pending")
            {
                Fix = "target a pool with GPU instance types (g5, g6, p4d...) and an NVIDIA AMI type",
            });
}
