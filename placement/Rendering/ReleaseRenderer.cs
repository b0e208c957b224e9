using System.Text.Json.Nodes;
using NodePools.Placement.Declaration;
using NodePools.Placement.Patching;
using NodePools.Placement.Planning;

namespace NodePools.Placement.Rendering;

/// <summary>
/// Renders one release as Helm would install it (<c>helm template</c> with its final values, the
/// cluster's Kubernetes version, hooks and test pods included, then the release's patches as its
/// post-renderer applies them), then twice more with markers. It returns what was rendered;
/// <c>Workloads.RenderedReleases</c> reads it.
/// Every helm process passes through the shared gate, so a stack's releases render in parallel
/// without overrunning the machine.
/// </summary>
public sealed class ReleaseRenderer(HelmRunner helm, RenderOptions options, SemaphoreSlim gate)
{
    public async Task<ReleaseOutput> RenderAsync(ReleasePlan release, string kubeVersion, CancellationToken cancellation)
    {
        var (prepared, failure) = await PrepareAsync(release, kubeVersion, cancellation).ConfigureAwait(false);
        if (prepared is null)
            return failure!;
        var (chart, output, exposed) = (prepared.Chart, prepared.Output, prepared.Exposed);
        if (!options.Markers)
            return new ReleaseOutput(release.Name, RenderStatus.Rendered, null, chart.Origin, output, null, null) { Patches = prepared.Patches };

        var declaredTargets = prepared.DeclaredTargets;
        var declared = MarkAsync(release, chart, release.Values, declaredTargets, null, kubeVersion, cancellation);
        var everywhere = MarkAsync(release, chart, release.Values, exposed.Targets.Concat(declaredTargets).DistinctBy(t => (t.Path, t.Style)), exposed.Default, kubeVersion, cancellation);
        var unplaced = UnplacedAsync(release, chart, output, kubeVersion, cancellation);
        return new ReleaseOutput(release.Name, RenderStatus.Rendered, null, chart.Origin, output,
            await declared.ConfigureAwait(false), await everywhere.ConfigureAwait(false))
        {
            Unplaced = await unplaced.ConfigureAwait(false),
            Patches = prepared.Patches,
        };
    }

    /// <summary>
    /// The chart with the user's values alone (secrets as their placeholder), for releases whose slots may
    /// narrow a DaemonSet: one more helm run, only where the output mentions a DaemonSet at all.
    /// </summary>
    private async Task<string?> UnplacedAsync(ReleasePlan release, LocalChart chart, string output, string kubeVersion, CancellationToken cancellation)
    {
        if (release.Slots.Count == 0 || !output.Contains("DaemonSet", StringComparison.Ordinal))
            return null;
        var result = await HelmTemplateAsync(release.Spec, chart, release.Spec.Values, kubeVersion, cancellation).ConfigureAwait(false);
        return result.Succeeded ? result.Output : null;
    }

    /// <summary>
    /// The first half of every render: the chart resolved, rendered with the release's final values,
    /// and the placement paths its values expose. Null with the failure when the chart cannot be had
    /// or refuses the values.
    /// </summary>
    public async Task<(PreparedRelease? Prepared, ReleaseOutput? Failure)> PrepareAsync(ReleasePlan release, string kubeVersion, CancellationToken cancellation)
    {
        var (chart, problem) = await Gated(() => ChartSource.ResolveAsync(release.Spec, options, helm, cancellation), cancellation).ConfigureAwait(false);
        if (chart is null)
            return (null, ReleaseOutput.Failed(release.Name, RenderStatus.Unavailable, problem!));
        var (final, patches) = await TemplateAsync(release, chart, release.Values, kubeVersion, cancellation).ConfigureAwait(false);
        if (!final.Succeeded)
            return (null, ReleaseOutput.Failed(release.Name, RenderStatus.Rejected, final.Message, chart.Origin));
        PlacementTargets exposed;
        try
        {
            exposed = PlacementTargets.Discover(ChartFiles.DefaultValues(chart.Path));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            exposed = PlacementTargets.Discover([]);
        }
        return (new PreparedRelease(release, chart, final.Output, exposed) { Patches = patches }, null);
    }

    /// <summary>Renders with a marker at each target (and the release's patches, which may overwrite a marker as they overwrite values).</summary>
    public async Task<MarkedOutput> MarkAsync(ReleasePlan release, LocalChart chart, JsonObject values,
        IEnumerable<PlacementTarget> targets, Func<string, JsonNode?>? defaults, string kubeVersion, CancellationToken cancellation)
    {
        var (marked, markers) = Markers.Apply(values, targets, defaults);
        if (markers.Count == 0)
            return MarkedOutput.Empty;
        var (result, _) = await TemplateAsync(release, chart, marked, kubeVersion, cancellation).ConfigureAwait(false);
        return result.Succeeded
            ? new MarkedOutput(markers, result.Output, null)
            : MarkedOutput.Failed($"the chart refused marker values: {result.Message}");
    }

    /// <summary>
    /// What is installed: <see cref="HelmTemplateAsync"/>, then the release's patches through the one
    /// function its post-renderer runs (<see cref="ManifestPatcher"/>), hooks included — they are
    /// patched after the release (<see cref="HookApplyPatch"/>) — with what each patch did.
    /// </summary>
    public async Task<(HelmResult Result, IReadOnlyList<PatchOutcome> Patches)> TemplateAsync(ReleasePlan release, LocalChart chart, JsonObject values,
        string kubeVersion, CancellationToken cancellation)
    {
        var result = await HelmTemplateAsync(release.Spec, chart, values, kubeVersion, cancellation).ConfigureAwait(false);
        if (!result.Succeeded || release.Patches.Count == 0)
            return (result, []);
        var patched = ManifestPatcher.Apply(result.Output, release.Spec.Namespace, release.Patches, HookHandling.PatchAfterRelease);
        return (result with { Output = patched.Output }, patched.Outcomes);
    }

    /// <summary>helm template NAME CHART --namespace NS --kube-version V --values FILE.</summary>
    public Task<HelmResult> HelmTemplateAsync(ReleaseSpec release, LocalChart chart, JsonObject values, string kubeVersion, CancellationToken cancellation) =>
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
