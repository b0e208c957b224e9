using System.Security.Cryptography;
using System.Text;
using NodePools.Placement.Declaration;

namespace NodePools.Placement.Rendering;

/// <summary>A chart on this machine, ready to render: a .tgz or an unpacked chart folder.</summary>
public sealed record LocalChart(string Path, string Origin);

/// <summary>
/// Finds a release's chart: in the local charts folder when one is given (<c>helm pull --untar</c>
/// output or <c>.tgz</c> files, for offline use), else from its repository or <c>oci://</c> registry
/// at its version, pulled once into a cache (chart versions are immutable) and reused.
/// </summary>
public static class ChartSource
{
    public static async Task<(LocalChart? Chart, string? Problem)> ResolveAsync(ReleaseSpec release, RenderOptions options, HelmRunner helm, CancellationToken cancellation)
    {
        if (options.ChartsDirectory is { } directory)
        {
            return FindLocal(directory, release.Chart, release.Version) is { } local
                ? (new LocalChart(local, $"{directory}"), null)
                : (null, $"chart {release.Chart} {release.Version} is not in the charts folder {directory} "
                         + $"(expected {release.Chart}-{release.Version}.tgz, or a {release.Chart}/ folder whose Chart.yaml says version: {release.Version}; "
                         + $"helm pull {Pull(release)} --untar puts it there)");
        }

        var cache = Path.Combine(options.CacheDirectory, Key(release.Repository));
        var archive = Path.Combine(cache, $"{release.Chart}-{release.Version}.tgz");
        if (File.Exists(archive))
            return (new LocalChart(archive, release.Repository), null);

        Directory.CreateDirectory(cache);
        var download = Path.Combine(cache, $".pull-{Guid.NewGuid():N}");
        Directory.CreateDirectory(download);
        try
        {
            var reference = ChartReference.For(release);
            List<string> arguments = ["pull", reference.Chart, "--version", release.Version, "--destination", download];
            if (reference.RepositoryUrl is { } repository)
                arguments.AddRange(["--repo", repository]);
            var result = await helm.RunAsync(arguments, options.Timeout, cancellation).ConfigureAwait(false);
            if (!result.Succeeded)
                return (null, $"chart {release.Chart} {release.Version} could not be fetched from {release.Repository}: {result.Message}");
            var pulled = Directory.GetFiles(download, "*.tgz").FirstOrDefault();
            if (pulled is null)
                return (null, $"helm pull of {release.Chart} {release.Version} produced no chart archive");
            File.Move(pulled, archive, overwrite: true);
            return (new LocalChart(archive, release.Repository), null);
        }
        finally
        {
            Directory.Delete(download, recursive: true);
        }
    }

    /// <summary>CHART-VERSION.tgz, CHART-VERSION/, or CHART/ whose Chart.yaml has the version.</summary>
    public static string? FindLocal(string directory, string chart, string version)
    {
        var archive = Path.Combine(directory, $"{chart}-{version}.tgz");
        if (File.Exists(archive))
            return archive;
        foreach (var folder in new[] { Path.Combine(directory, $"{chart}-{version}"), Path.Combine(directory, chart) })
        {
            var manifest = Path.Combine(folder, "Chart.yaml");
            if (File.Exists(manifest) && ChartFiles.Version(File.ReadAllText(manifest)) == version)
                return folder;
        }
        return null;
    }

    private static string Pull(ReleaseSpec release)
    {
        var reference = ChartReference.For(release);
        return reference.RepositoryUrl is { } repository
            ? $"{reference.Chart} --repo {repository} --version {release.Version}"
            : $"{reference.Chart} --version {release.Version}";
    }

    private static string Key(string repository) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(repository)))[..16];
}
