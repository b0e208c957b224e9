using System.Text.Json.Nodes;
using NodePools.Placement.Declaration;
using NodePools.Placement.Planning;
using NodePools.Placement.Workloads;

namespace NodePools.Placement.Rendering;

/// <summary>
/// Renders one release as Helm would install it (<c>helm template</c> with its final values, the
/// cluster's Kubernetes version, hooks and test pods included), then twice more with markers.
/// Every helm process passes through the shared gate, so a stack's releases render in parallel
/// without overrunning the machine.
/// </summary>
public sealed class ReleaseRenderer(HelmRunner helm, RenderOptions options, SemaphoreSlim gate)
{
    public async Task<ReleaseRender> RenderAsync(ReleasePlan release, string kubeVersion, CancellationToken cancellation)
    {
        var (chart, problem) = await Gated(() => ChartSource.ResolveAsync(release.Spec, options, helm, cancellation), cancellation).ConfigureAwait(false);
        if (chart is null)
            return ReleaseRender.Failed(release.Name, RenderStatus.Unavailable, problem!);

        var final = await TemplateAsync(release.Spec, chart, release.Values, kubeVersion, cancellation).ConfigureAwait(false);
        if (!final.Succeeded)
            return ReleaseRender.Failed(release.Name, RenderStatus.Rejected, final.Message, chart.Origin);

        var (objects, unreadable) = RenderedManifest.Read(final.Output);
        var (workloads, invalid) = WorkloadExtractor.Extract(objects);
        if (!options.Markers)
            return new ReleaseRender(release.Name, RenderStatus.Rendered, null, chart.Origin, objects, workloads, [.. unreadable, .. invalid], null, null);

        var declaredTargets = release.Slots.Select(slot => new PlacementTarget(slot.Spec.Path, slot.Spec.Style)).ToList();
        PlacementTargets exposed;
        try
        {
            exposed = PlacementTargets.Discover(ChartFiles.DefaultValues(chart.Path));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            exposed = PlacementTargets.Discover([]);
        }
        var declared = MarkAsync(release.Spec, chart, release.Values, declaredTargets, null, kubeVersion, cancellation);
        var everywhere = MarkAsync(release.Spec, chart, release.Values, exposed.Targets.Concat(declaredTargets).DistinctBy(t => (t.Path, t.Style)), exposed.Default, kubeVersion, cancellation);
        return new ReleaseRender(release.Name, RenderStatus.Rendered, null, chart.Origin, objects, workloads, [.. unreadable, .. invalid],
            await declared.ConfigureAwait(false), await everywhere.ConfigureAwait(false));
    }

    /// <summary>Renders with a marker at each target and reads where each marker landed.</summary>
    public async Task<(MarkerRender Render, IReadOnlyList<Workload> Workloads)> MarkAsync(ReleaseSpec release, LocalChart chart, JsonObject values,
        IEnumerable<PlacementTarget> targets, Func<string, JsonNode?>? defaults, string kubeVersion, CancellationToken cancellation, bool returnWorkloads)
    {
        var (marked, markers) = Markers.Apply(values, targets, defaults);
        if (markers.Count == 0)
            return (new MarkerRender([], new Dictionary<string, IReadOnlyList<Marker>>(), null), []);
        var result = await TemplateAsync(release, chart, marked, kubeVersion, cancellation).ConfigureAwait(false);
        if (!result.Succeeded)
            return (MarkerRender.Failed($"the chart refused marker values: {result.Message}"), []);
        var (objects, _) = RenderedManifest.Read(result.Output);
        var (workloads, _) = WorkloadExtractor.Extract(objects);
        return (new MarkerRender(markers, Markers.Reach(workloads, markers), null), returnWorkloads ? workloads : []);
    }

    private async Task<MarkerRender> MarkAsync(ReleaseSpec release, LocalChart chart, JsonObject values, IEnumerable<PlacementTarget> targets,
        Func<string, JsonNode?>? defaults, string kubeVersion, CancellationToken cancellation) =>
        (await MarkAsync(release, chart, values, targets, defaults, kubeVersion, cancellation, returnWorkloads: false).ConfigureAwait(false)).Render;

    public Task<(LocalChart? Chart, string? Problem)> ResolveAsync(ReleaseSpec release, CancellationToken cancellation) =>
        Gated(() => ChartSource.ResolveAsync(release, options, helm, cancellation), cancellation);

    /// <summary>helm template NAME CHART --namespace NS --kube-version V --values FILE.</summary>
    public Task<HelmResult> TemplateAsync(ReleaseSpec release, LocalChart chart, JsonObject values, string kubeVersion, CancellationToken cancellation) =>
        Gated(async () =>
        {
            var file = Path.Combine(Path.GetTempPath(), $"nodepools-values-{Guid.NewGuid():N}.json");
            await File.WriteAllTextAsync(file, values.ToJsonString(), cancellation).ConfigureAwait(false);
            try
            {
                return await helm.RunAsync(
                    ["template", release.Name, chart.Path, "--namespace", release.Namespace, "--kube-version", KubeVersion(kubeVersion), "--values", file],
                    options.Timeout, cancellation).ConfigureAwait(false);
            }
            finally
            {
                File.Delete(file);
            }
        }, cancellation);

    /// <summary>"1.33" → "v1.33.0", what helm's --kube-version parses.</summary>
    public static string KubeVersion(string version) => version.Count(c => c == '.') == 1 ? $"v{version}.0" : $"v{version.TrimStart('v')}";

    private async Task<T> Gated<T>(Func<Task<T>> work, CancellationToken cancellation)
    {
        await gate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            return await work().ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }
}
