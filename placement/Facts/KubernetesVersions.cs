namespace NodePools.Placement.Facts;

/// <summary>
/// What depends on a cluster's Kubernetes minor version: how long EKS supports it at the standard
/// price, and the Cluster Autoscaler release built for it. Dated tables: update them as AWS and SIG
/// Autoscaling publish (the sources are named at each).
/// </summary>
public static class KubernetesVersions
{
    /// <summary>
    /// The last day of EKS standard support per minor: 14 months after EKS released it; 12 months of
    /// extended support at a higher hourly price follow, then EKS upgrades the cluster itself.
    /// Source: the EKS user guide's Kubernetes release calendar
    /// (https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html), as of 2026-12.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, DateOnly> StandardSupportEnds = new Dictionary<string, DateOnly>(StringComparer.Ordinal)
    {
        ["1.28"] = new(2024, 11, 26),
        ["1.29"] = new(2025, 3, 23),
        ["1.30"] = new(2025, 7, 23),
        ["1.31"] = new(2025, 11, 26),
        ["1.32"] = new(2026, 3, 23),
        ["1.33"] = new(2026, 7, 29),
        ["1.34"] = new(2026, 12, 2),
        ["1.35"] = new(2027, 3, 27),
    };

    /// <summary>
    /// The Cluster Autoscaler image per cluster minor: SIG Autoscaling releases one minor per
    /// Kubernetes minor and supports only that pairing. The latest patch of each, from the autoscaler's
    /// releases (https://github.com/kubernetes/autoscaler/releases; the images promoted to
    /// registry.k8s.io/autoscaling/cluster-autoscaler), as of 2026-12.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> AutoscalerImageTags = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["1.32"] = "v1.32.5",
        ["1.33"] = "v1.33.5",
        ["1.34"] = "v1.34.4",
        ["1.35"] = "v1.35.1",
    };

    /// <summary>Whether a minor is past EKS standard support on a day; null when the table does not know the minor.</summary>
    public static bool? PastStandardSupport(string minor, DateOnly today) =>
        StandardSupportEnds.TryGetValue(minor, out var ends) ? today > ends : null;
}
