using NodePools.Placement.Facts;

namespace NodePools.Placement.Checks;

/// <summary>
/// version-past-standard-support: the cluster's Kubernetes minor is past EKS standard support on the
/// day of the check (<see cref="KubernetesVersions.StandardSupportEnds"/>): extended support costs
/// more per cluster hour, and when it ends EKS upgrades the cluster itself.
/// </summary>
internal static class VersionSupportRule
{
    public static IEnumerable<Finding> Check(CheckInput input) => Check(input, DateOnly.FromDateTime(DateTime.UtcNow));

    public static IEnumerable<Finding> Check(CheckInput input, DateOnly today)
    {
        var cluster = input.Stack.Declaration.Cluster;
        if (KubernetesVersions.PastStandardSupport(cluster.Version, today) != true)
            yield break;
        var supported = KubernetesVersions.StandardSupportEnds.Where(pair => pair.Value >= today).Select(pair => pair.Key).ToList();
        yield return new Finding(Severity.Warning, Rules.VersionPastStandardSupport.Id, $"cluster {cluster.Name}",
            $"runs Kubernetes {cluster.Version}, whose EKS standard support ended on {KubernetesVersions.StandardSupportEnds[cluster.Version]:yyyy-MM-dd}: "
            + "extended support costs more per cluster hour, and when it ends EKS upgrades the cluster itself")
        {
            Fix = supported.Count > 0
                ? $"upgrade one minor at a time to {supported[0]} or later (version, then amiReleaseVersion: nodepools diff shows the order)"
                : "upgrade to a minor in standard support (the EKS Kubernetes release calendar)",
        };
    }
}
