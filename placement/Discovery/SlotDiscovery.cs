using NodePools.Placement.Input;
using NodePools.Placement.Planning;
using NodePools.Placement.Rendering;
using NodePools.Placement.Workloads;
using NodePools.Placement.Declaration;

namespace NodePools.Placement.Discovery;

/// <summary>One values path of a chart and the rendered workloads it reaches, with the keys each reads there.</summary>
public sealed record PathReach(PlacementTarget Target, IReadOnlyDictionary<string, IReadOnlyList<PlacementKey>> Workloads);

/// <summary>What rendering a release with a marker at each values path found.</summary>
public sealed record Discovery(
    ReleasePlan Release,
    IReadOnlyList<Workload> Workloads,
    IReadOnlyList<PathReach> Paths,
    IReadOnlyList<string> Refused)
{
    /// <summary>Workloads helm install runs (helm test pods apart).</summary>
    public IEnumerable<Workload> Deployed => Workloads.Where(w => w.Origin != WorkloadOrigin.Test);
}

/// <summary>
/// `nodepools slots`: renders a release once as it is, then once per placement path its chart
/// exposes, each time with a marker only there, so fallbacks show too (a global key reaches every
/// component whose own key is empty).
/// </summary>
public static class SlotDiscovery
{
    public static async Task<Discovery> RunAsync(StackPlan plan, string releaseName, HelmRunner helm, RenderOptions options,
        IProgress<string>? progress = null, CancellationToken cancellation = default)
    {
        var release = plan.Releases.FirstOrDefault(r => r.Name == releaseName)
            ?? throw new InvalidInputException(new InputError(plan.Declaration.Source, $"{plan.Declaration.Project}:releases",
                $"no release \"{releaseName}\" (releases: {string.Join(", ", plan.Releases.Select(r => r.Name))})"));

        using var gate = new SemaphoreSlim(options.Parallelism);
        var renderer = new ReleaseRenderer(helm, options, gate);
        var (chart, problem) = await renderer.ResolveAsync(release.Spec, cancellation).ConfigureAwait(false);
        if (chart is null)
            throw new InvalidInputException(new InputError(plan.Declaration.Source, $"{plan.Declaration.Project}:releases.{release.Name}", problem!));

        var kubeVersion = plan.Declaration.Cluster.Version;
        var final = await renderer.TemplateAsync(release.Spec, chart, release.Values, kubeVersion, cancellation).ConfigureAwait(false);
        if (!final.Succeeded)
            throw new InvalidInputException(new InputError(plan.Declaration.Source, $"{plan.Declaration.Project}:releases.{release.Name}.values",
                $"chart {release.Spec.Chart} {release.Spec.Version} refuses the values: {final.Message}"));
        var (workloads, _) = WorkloadExtractor.Extract(RenderedManifest.Read(final.Output).Objects);

        var exposed = PlacementTargets.Discover(ChartFiles.DefaultValues(chart.Path));
        var targets = exposed.Targets
            .Concat(release.Slots.Select(slot => new PlacementTarget(slot.Spec.Path, slot.Spec.Style)))
            .DistinctBy(t => (t.Path, t.Style))
            .ToList();
        progress?.Report($"{release.Name}: {workloads.Count} workload(s); trying {targets.Count} values path(s)");

        var refused = new List<string>();
        var paths = await Task.WhenAll(targets.Select(async target =>
        {
            var (render, _) = await renderer.MarkAsync(release.Spec, chart, release.Values, [target], exposed.Default, kubeVersion, cancellation, returnWorkloads: false)
                .ConfigureAwait(false);
            if (render.Failure is { } failure)
            {
                lock (refused)
                    refused.Add($"{target.Display}: {failure}");
            }
            var reached = render.Reach
                .Where(pair => pair.Value.Count > 0)
                .ToDictionary(pair => pair.Key, pair => (IReadOnlyList<PlacementKey>)pair.Value.Select(m => m.Key).Distinct().Order().ToList(), StringComparer.Ordinal);
            return new PathReach(target, reached);
        })).ConfigureAwait(false);

        return new Discovery(release, workloads, paths.Where(p => p.Workloads.Count > 0).ToList(), refused.Order(StringComparer.Ordinal).ToList());
    }
}
