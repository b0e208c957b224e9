using NodePools.Placement.Planning;
using NodePools.Placement.Verdicts;

namespace NodePools.Placement.Checks;

/// <summary>gpu-request-without-gpu: a slot requests nvidia.com/gpu but every pool it fits lacks GPU instances.</summary>
internal static class GpuRequestRule
{
    public const string NvidiaGpu = "nvidia.com/gpu";

    public static IEnumerable<Finding> Check(CheckInput input) => Find(input.Stack);

    private static IEnumerable<Finding> Find(StackVerdicts plan) =>
        plan.Slots
            .Where(slot => slot.Spec.Requests.ContainsKey(NvidiaGpu))
            .Select(slot => (Slot: slot, Pools: Targets(slot)))
            .Where(entry => entry.Pools.Count > 0 && entry.Pools.All(pool => !plan.Pool(pool).HasGpuInstances))
            .Select(entry => new Finding(Severity.Error, Rules.GpuRequestWithoutGpu.Id, entry.Slot.Id,
                $"requests {NvidiaGpu} but may only run on pools without GPU instances ({string.Join(", ", entry.Pools)}): its pods would stay Pending")
            {
                Fix = "target a pool with GPU instance types (g5, g6, p4d...) and an NVIDIA AMI type",
            });

    /// <summary>The pools the slot requires, or else those it fits (a known instance type already refuses it by resources).</summary>
    private static IReadOnlyList<string> Targets(EvaluatedSlot slot) =>
        slot.Spec.Intent.IsRequired ? slot.Spec.Intent.Pools : slot.Feasible.Select(v => v.Pool).ToList();
}
