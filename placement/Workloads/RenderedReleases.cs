using NodePools.Placement.Rendering;

namespace NodePools.Placement.Workloads;

/// <summary>Reads what helm wrote for a release: its objects and workloads, and where each marker landed.</summary>
public static class RenderedReleases
{
    public static ReleaseRender Read(ReleaseOutput output)
    {
        if (output.Status != RenderStatus.Rendered)
            return ReleaseRender.Failed(output.Release, output.Status, output.Message!, output.ChartOrigin);
        var (objects, unreadable) = RenderedManifest.Read(output.Output);
        var (workloads, invalid) = WorkloadExtractor.Extract(objects);
        return new ReleaseRender(output.Release, RenderStatus.Rendered, null, output.ChartOrigin, objects, workloads, [.. unreadable, .. invalid],
            output.Declared is { } declared ? Read(declared).Render : null,
            output.Exposed is { } exposed ? Read(exposed).Render : null)
        {
            Unplaced = output.Unplaced is { } unplaced ? Workloads(unplaced) : null,
            Patches = output.Patches,
        };
    }

    /// <summary>The workloads of a render, leaving out what could not be read.</summary>
    public static IReadOnlyList<Workload> Workloads(string output) => WorkloadExtractor.Extract(RenderedManifest.Read(output).Objects).Workloads;

    /// <summary>A marker render's reach, and the workloads it rendered.</summary>
    public static (MarkerRender Render, IReadOnlyList<Workload> Workloads) Read(MarkedOutput output)
    {
        if (output.Failure is { } failure)
            return (MarkerRender.Failed(failure), []);
        if (output.Markers.Count == 0)
            return (new MarkerRender([], new Dictionary<string, IReadOnlyList<Marker>>(), null), []);
        var (objects, _) = RenderedManifest.Read(output.Output);
        var (workloads, _) = WorkloadExtractor.Extract(objects);
        return (new MarkerRender(output.Markers, MarkerReach.Reach(workloads, output.Markers), null), workloads);
    }
}
