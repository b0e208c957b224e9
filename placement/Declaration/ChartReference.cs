using NodePools.Placement.Declaration;

namespace NodePools.Placement.Declaration;

/// <summary>
/// How Helm is told where a chart is: a classic repository is passed as the repository URL beside
/// the chart name; an OCI registry is part of the chart reference itself.
/// </summary>
public sealed record ChartReference(string Chart, string? RepositoryUrl)
{
    public static ChartReference For(ReleaseSpec release) =>
        release.Repository.StartsWith("oci://", StringComparison.Ordinal)
            ? new ChartReference($"{release.Repository.TrimEnd('/')}/{release.Chart}", null)
            : new ChartReference(release.Chart, release.Repository);
}
