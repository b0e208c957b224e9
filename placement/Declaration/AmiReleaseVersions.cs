using System.Text.RegularExpressions;

namespace NodePools.Placement.Declaration;

/// <summary>
/// The release versions EKS managed node groups accept: Amazon Linux AMIs are named by Kubernetes
/// patch version and build date (1.33.5-20251120) and must match the cluster's minor version;
/// Bottlerocket by its own OS version and commit (1.50.0-8f4a1b2c).
/// </summary>
public static partial class AmiReleaseVersions
{
    /// <summary>Why an Amazon Linux release version does not fit the cluster, or null.</summary>
    public static string? AmazonLinuxProblem(string release, string clusterVersion)
    {
        var match = AmazonLinuxPattern().Match(release);
        if (!match.Success)
            return $"AMI release version \"{release}\" must look like {clusterVersion}.5-20251120 (Kubernetes version, '-', build date): see `aws ssm get-parameter --name /aws/service/eks/optimized-ami/{clusterVersion}/amazon-linux-2023/x86_64/standard/recommended/release_version`";
        if ($"1.{match.Groups["minor"].Value}" != clusterVersion)
            return $"AMI release version \"{release}\" is built for Kubernetes 1.{match.Groups["minor"].Value}, and the cluster runs {clusterVersion}: node groups follow the cluster's version";
        return null;
    }

    /// <summary>Why a pool's release version does not fit its AMI type and the cluster, or null.</summary>
    public static string? Problem(string release, string amiType, string clusterVersion)
    {
        if (amiType.StartsWith("BOTTLEROCKET", StringComparison.Ordinal))
        {
            return BottlerocketPattern().IsMatch(release)
                ? null
                : $"Bottlerocket release version \"{release}\" must look like 1.50.0-8f4a1b2c (OS version, '-', commit): see `aws ssm get-parameter --name /aws/service/bottlerocket/aws-k8s-{clusterVersion}/x86_64/latest/image_version`";
        }
        return amiType.StartsWith("AL2", StringComparison.Ordinal) ? AmazonLinuxProblem(release, clusterVersion) : null;
    }

    [GeneratedRegex(@"^1\.(?<minor>[0-9]+)\.[0-9]+-[0-9]{8}$")]
    private static partial Regex AmazonLinuxPattern();

    [GeneratedRegex(@"^[0-9]+\.[0-9]+\.[0-9]+-[0-9a-f]{8}$")]
    private static partial Regex BottlerocketPattern();
}
