using NodePools.Placement.Rendering;

namespace NodePools.Placement.Workloads;

/// <summary>A render with markers: which token went where, and which workload each reached.</summary>
public sealed record MarkerRender(IReadOnlyList<Marker> Markers, IReadOnlyDictionary<string, IReadOnlyList<Marker>> Reach, string? Failure)
{
    public bool Succeeded => Failure is null;

    /// <summary>The markers that reached a workload.</summary>
    public IReadOnlyList<Marker> Reaching(string workloadId) => Reach.GetValueOrDefault(workloadId) ?? [];

    public static MarkerRender Failed(string message) => new([], new Dictionary<string, IReadOnlyList<Marker>>(), message);
}

/// <summary>
/// What one release renders: its objects and workloads with the final values, and two marker renders —
/// one with markers at the declared slots (which workloads each slot reaches, through which keys),
/// one with markers at every placement path the chart exposes (whether any values path can reach a workload).
/// </summary>
public sealed record ReleaseRender(
    string Release,
    RenderStatus Status,
    string? Message,
    string? ChartOrigin,
    IReadOnlyList<RenderedObject> Objects,
    IReadOnlyList<Workload> Workloads,
    IReadOnlyList<string> Problems,
    MarkerRender? Declared,
    MarkerRender? Exposed)
{
    /// <summary>The workloads as the chart renders them without the slots' placement (see ReleaseOutput.Unplaced), or null.</summary>
    public IReadOnlyList<Workload>? Unplaced { get; init; }

    /// <summary>What each of the release's patches did to the rendered objects (already applied to them).</summary>
    public IReadOnlyList<Patching.PatchOutcome> Patches { get; init; } = [];

    public static ReleaseRender Failed(string release, RenderStatus status, string message, string? origin = null) =>
        new(release, status, message, origin, [], [], [], null, null);
}

/// <summary>Every release of a stack rendered, with the helm that did it and how long it took.</summary>
public sealed record StackRender(string HelmVersion, IReadOnlyList<ReleaseRender> Releases, TimeSpan Elapsed)
{
    public ReleaseRender? Release(string name) => Releases.FirstOrDefault(release => release.Release == name);
}
