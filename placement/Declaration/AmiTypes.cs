namespace NodePools.Placement.Declaration;

/// <summary>The EKS managed node group AMI types, and what each implies for the nodes.</summary>
public static class AmiTypes
{
    public static readonly IReadOnlyList<string> Known =
    [
        "AL2023_x86_64_STANDARD", "AL2023_ARM_64_STANDARD", "AL2023_x86_64_NVIDIA", "AL2023_ARM_64_NVIDIA", "AL2023_x86_64_NEURON",
        "AL2_x86_64", "AL2_x86_64_GPU", "AL2_ARM_64",
        "BOTTLEROCKET_x86_64", "BOTTLEROCKET_ARM_64", "BOTTLEROCKET_x86_64_NVIDIA", "BOTTLEROCKET_ARM_64_NVIDIA",
        "BOTTLEROCKET_x86_64_FIPS", "BOTTLEROCKET_ARM_64_FIPS",
        "WINDOWS_CORE_2019_x86_64", "WINDOWS_FULL_2019_x86_64", "WINDOWS_CORE_2022_x86_64", "WINDOWS_FULL_2022_x86_64",
    ];

    /// <summary>AMIs that ship the NVIDIA driver.</summary>
    public static bool IsNvidia(string amiType) => amiType.EndsWith("_NVIDIA", StringComparison.Ordinal) || amiType == "AL2_x86_64_GPU";

    /// <summary>The kubernetes.io/arch label value of nodes from this AMI.</summary>
    public static string Architecture(string amiType) => amiType.Contains("ARM_64", StringComparison.Ordinal) ? "arm64" : "amd64";

    /// <summary>The kubernetes.io/os label value of nodes from this AMI.</summary>
    public static string OperatingSystem(string amiType) => amiType.StartsWith("WINDOWS", StringComparison.Ordinal) ? "windows" : "linux";

    /// <summary>The AL2023 AMI type that replaces an Amazon Linux 2 one.</summary>
    public static string Al2023For(string al2) => al2 switch
    {
        "AL2_x86_64_GPU" => "AL2023_x86_64_NVIDIA",
        "AL2_ARM_64" => "AL2023_ARM_64_STANDARD",
        _ => "AL2023_x86_64_STANDARD",
    };

    /// <summary>The usual NVIDIA AMI for an architecture, named in fixes.</summary>
    public static string NvidiaFor(string architecture) => architecture == "arm64" ? "AL2023_ARM_64_NVIDIA" : "AL2023_x86_64_NVIDIA";
}
