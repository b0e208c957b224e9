namespace NodePools.Placement.Facts;

/// <summary>What an EC2 instance type offers: vCPUs, memory, NVIDIA GPUs, and pods per node with the VPC CNI.</summary>
public sealed record InstanceShape(int Vcpus, int MemoryMiB, int MaxPods, int NvidiaGpus = 0);

/// <summary>
/// The instance types the simulation knows, and a node's allocatable the way EKS's AMIs compute it
/// (nodeadm and bootstrap.sh): kube-reserved CPU by the 6%/1%/0.5%/0.25% ladder, kube-reserved memory
/// 11 MiB per pod plus 255 MiB, a 100 MiB memory eviction threshold, 1 GiB of kube-reserved ephemeral
/// storage and a 10% nodefs eviction threshold of the root volume. Max pods is the VPC CNI's ENI
/// limit (eni-max-pods.txt), without prefix delegation. Figures are nominal: a real node reports
/// slightly less memory, so a request within a few percent of a figure here may still not fit.
/// </summary>
public static class InstanceCatalog
{
    // Sizes of the general-purpose, compute- and memory-optimised Nitro families: vCPUs and ENI max pods.
    private static readonly Dictionary<string, (int Vcpus, int MaxPods)> StandardSizes = new(StringComparer.Ordinal)
    {
        ["large"] = (2, 29), ["xlarge"] = (4, 58), ["2xlarge"] = (8, 58), ["4xlarge"] = (16, 234), ["8xlarge"] = (32, 234),
        ["12xlarge"] = (48, 234), ["16xlarge"] = (64, 737), ["24xlarge"] = (96, 737),
    };

    // GiB of memory per vCPU, by family letter: m general purpose, c compute, r memory.
    private static readonly Dictionary<char, int> MemoryPerVcpu = new() { ['m'] = 4, ['c'] = 2, ['r'] = 8 };

    private static readonly HashSet<string> StandardFamilies = new(StringComparer.Ordinal)
    {
        "m5", "m5a", "m5n", "m6i", "m6a", "m6g", "m6in", "m7i", "m7a", "m7g", "m8g",
        "c5", "c5a", "c5n", "c6i", "c6a", "c6g", "c6in", "c7i", "c7a", "c7g", "c8g",
        "r5", "r5a", "r5n", "r6i", "r6a", "r6g", "r7i", "r7a", "r7g", "r8g",
    };

    private static readonly Dictionary<string, InstanceShape> Listed = new(StringComparer.Ordinal)
    {
        ["t3.medium"] = new(2, 4 * 1024, 17), ["t3.large"] = new(2, 8 * 1024, 35), ["t3.xlarge"] = new(4, 16 * 1024, 58), ["t3.2xlarge"] = new(8, 32 * 1024, 58),
        ["t3a.medium"] = new(2, 4 * 1024, 17), ["t3a.large"] = new(2, 8 * 1024, 35), ["t3a.xlarge"] = new(4, 16 * 1024, 58),
        ["g4dn.xlarge"] = new(4, 16 * 1024, 29, 1), ["g4dn.2xlarge"] = new(8, 32 * 1024, 29, 1), ["g4dn.4xlarge"] = new(16, 64 * 1024, 29, 1),
        ["g4dn.8xlarge"] = new(32, 128 * 1024, 58, 1), ["g4dn.12xlarge"] = new(48, 192 * 1024, 234, 4),
        ["g5.xlarge"] = new(4, 16 * 1024, 58, 1), ["g5.2xlarge"] = new(8, 32 * 1024, 58, 1), ["g5.4xlarge"] = new(16, 64 * 1024, 234, 1),
        ["g5.8xlarge"] = new(32, 128 * 1024, 234, 1), ["g5.12xlarge"] = new(48, 192 * 1024, 737, 4), ["g5.48xlarge"] = new(192, 768 * 1024, 345, 8),
        ["g6.xlarge"] = new(4, 16 * 1024, 58, 1), ["g6.2xlarge"] = new(8, 32 * 1024, 58, 1), ["g6.4xlarge"] = new(16, 64 * 1024, 234, 1),
        ["g6.12xlarge"] = new(48, 192 * 1024, 234, 4), ["g6e.xlarge"] = new(4, 32 * 1024, 58, 1), ["g6e.2xlarge"] = new(8, 64 * 1024, 58, 1),
        ["p3.2xlarge"] = new(8, 61 * 1024, 58, 1), ["p3.8xlarge"] = new(32, 244 * 1024, 234, 4), ["p4d.24xlarge"] = new(96, 1152 * 1024, 737, 8),
        ["p5.48xlarge"] = new(192, 2048 * 1024, 100, 8),
    };

    public static InstanceShape? Find(string instanceType)
    {
        if (Listed.TryGetValue(instanceType, out var listed))
            return listed;
        var dot = instanceType.IndexOf('.');
        if (dot <= 0)
            return null;
        var family = instanceType[..dot].TrimEnd('d'); // m6id, r6gd: same shape, local NVMe added
        var size = instanceType[(dot + 1)..];
        if (!StandardFamilies.Contains(family) || !StandardSizes.TryGetValue(size, out var shape) || !MemoryPerVcpu.TryGetValue(family[0], out var perVcpu))
            return null;
        return new InstanceShape(shape.Vcpus, shape.Vcpus * perVcpu * 1024, shape.MaxPods);
    }

    /// <summary>Allocatable in Kubernetes quantities, as a node of this type and root volume reports it; null for an unknown type.</summary>
    public static IReadOnlyDictionary<string, string>? Allocatable(string instanceType, int diskGiB, bool nvidiaDriver)
    {
        if (Find(instanceType) is not { } shape)
            return null;
        var allocatable = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["cpu"] = $"{shape.Vcpus * 1000 - ReservedMillicores(shape.Vcpus)}m",
            ["memory"] = $"{shape.MemoryMiB - (11 * shape.MaxPods + 255) - 100}Mi",
            ["ephemeral-storage"] = $"{(long)(diskGiB * 1024L * 0.9) - 1024}Mi",
            ["pods"] = shape.MaxPods.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (nvidiaDriver && shape.NvidiaGpus > 0)
            allocatable["nvidia.com/gpu"] = shape.NvidiaGpus.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return allocatable;
    }

    /// <summary>kube-reserved CPU: 6% of the first core, 1% of the second, 0.5% of the next two, 0.25% of the rest.</summary>
    public static int ReservedMillicores(int vcpus)
    {
        double reserved = 0;
        for (var core = 1; core <= vcpus; core++)
            reserved += core switch { 1 => 60, 2 => 10, 3 or 4 => 5, _ => 2.5 };
        return (int)Math.Ceiling(reserved);
    }
}
