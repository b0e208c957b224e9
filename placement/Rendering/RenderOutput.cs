namespace NodePools.Placement.Rendering;

public enum RenderStatus
{
    /// <summary>helm rendered the chart with the release's final values.</summary>
    Rendered,

    /// <summary>The chart refused the values (a required value, a schema, a fail in a template).</summary>
    Rejected,

    /// <summary>The chart could not be had (not in the charts folder, repository unreachable).</summary>
    Unavailable,
}

/// <summary>A render with markers: the markers written into the values, and what helm made of them (or why it refused).</summary>
public sealed record MarkedOutput(IReadOnlyList<Marker> Markers, string Output, string? Failure)
{
    public static readonly MarkedOutput Empty = new([], "", null);

    public static MarkedOutput Failed(string message) => new([], "", message);
}

/// <summary>
/// What helm wrote for one release: the manifests with its final values, and two marker renders —
/// one with markers at the declared slots, one with markers at every placement path the chart exposes.
/// </summary>
public sealed record ReleaseOutput(
    string Release,
    RenderStatus Status,
    string? Message,
    string? ChartOrigin,
    string Output,
    MarkedOutput? Declared,
    MarkedOutput? Exposed)
{
    /// <summary>
    /// What the chart renders with the user's values alone, none of the slots' placement: rendered where the
    /// release has slots and renders DaemonSets, to see whether a slot narrows a node agent the chart runs
    /// on every node. Null where not rendered or refused.
    /// </summary>
    public string? Unplaced { get; init; }

    /// <summary>What each of the release's patches did to <see cref="Output"/> (applied there already).</summary>
    public IReadOnlyList<Patching.PatchOutcome> Patches { get; init; } = [];

    public static ReleaseOutput Failed(string release, RenderStatus status, string message, string? origin = null) =>
        new(release, status, message, origin, "", null, null);
}

/// <summary>A release's chart, what it renders with the final values, and the placement paths its values expose.</summary>
public sealed record PreparedRelease(Planning.ReleasePlan Release, LocalChart Chart, string Output, PlacementTargets Exposed)
{
    /// <summary>What each of the release's patches did to <see cref="Output"/>.</summary>
    public IReadOnlyList<Patching.PatchOutcome> Patches { get; init; } = [];

    /// <summary>The release's declared slots as marker targets.</summary>
    public IReadOnlyList<Declaration.PlacementTarget> DeclaredTargets =>
        Release.Slots.Select(slot => new Declaration.PlacementTarget(slot.Spec.Path, slot.Spec.Style)).ToList();
}
