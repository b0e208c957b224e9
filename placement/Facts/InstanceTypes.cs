namespace NodePools.Placement.Facts;

/// <summary>What an EC2 instance type name says about its hardware.</summary>
public static class InstanceTypes
{
    // EC2 families with NVIDIA GPUs (accelerated computing). g4ad carries AMD GPUs and is not listed.
    private static readonly HashSet<string> NvidiaFamilies = new(StringComparer.Ordinal)
    {
        "p2", "p3", "p3dn", "p4d", "p4de", "p5", "p5e", "p5en", "p6-b200", "p6e-gb200",
        "g3", "g3s", "g4dn", "g5", "g5g", "g6", "g6e", "g6f", "gr6", "gr6f",
    };

    public static string Family(string instanceType)
    {
        var dot = instanceType.IndexOf('.');
        return dot > 0 ? instanceType[..dot] : instanceType;
    }

    public static bool HasNvidiaGpu(string instanceType) => NvidiaFamilies.Contains(Family(instanceType));

    // The GPU of each NVIDIA family, spelled as the Cluster Autoscaler's AWS provider names GPU types
    // (cloudprovider/aws: availableGPUTypes) for the k8s.amazonaws.com/accelerator label.
    private static readonly Dictionary<string, string> Accelerators = new(StringComparer.Ordinal)
    {
        ["p3"] = "nvidia-tesla-v100", ["p3dn"] = "nvidia-tesla-v100", ["p4d"] = "nvidia-tesla-a100", ["p4de"] = "nvidia-tesla-a100",
        ["p5"] = "nvidia-h100", ["p5e"] = "nvidia-h200", ["p5en"] = "nvidia-h200",
        ["g4dn"] = "nvidia-tesla-t4", ["g5"] = "nvidia-a10g", ["g5g"] = "nvidia-tesla-t4g", ["g6"] = "nvidia-l4", ["g6e"] = "nvidia-l40s",
    };

    /// <summary>The NVIDIA GPU of an instance type ("nvidia" for a family not named here); null without one.</summary>
    public static string? Accelerator(string instanceType) =>
        HasNvidiaGpu(instanceType) ? Accelerators.GetValueOrDefault(Family(instanceType), "nvidia") : null;

    /// <summary>Graviton families carry a 'g' after the generation digit (m7g, r7gd, c6gn, g5g) and a1.</summary>
    public static bool IsArm(string instanceType)
    {
        var family = Family(instanceType);
        if (family == "a1")
            return true;
        var digit = family.IndexOfAny("0123456789".ToCharArray());
        return digit >= 0 && digit + 1 < family.Length && family[digit + 1] == 'g';
    }
}
