namespace NodePools.Placement.Rendering;

/// <summary>How releases are rendered: where charts come from, how long helm may take, how many run at once.</summary>
public sealed record RenderOptions
{
    /// <summary>A local folder of charts (helm pull --untar output or .tgz files); null fetches from each release's repository.</summary>
    public string? ChartsDirectory { get; init; }

    /// <summary>Where fetched charts are kept between runs (chart versions are immutable).</summary>
    public string CacheDirectory { get; init; } = DefaultCacheDirectory();

    /// <summary>The longest one helm invocation may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>helm processes run at once.</summary>
    public int Parallelism { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Also render with markers, to learn which values path reaches which workload.</summary>
    public bool Markers { get; init; } = true;

    private static string DefaultCacheDirectory()
    {
        var root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "nodepools", "charts");
    }
}
