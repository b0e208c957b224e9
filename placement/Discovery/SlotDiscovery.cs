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

    /// <summary>Workloads the release's intent patches place: no slot or acknowledgement is needed for them.</summary>
    public IReadOnlySet<string> PlacedByPatches { get; init; } = new HashSet<string>();
}

/// <summary>
/// `nodepools slots`: renders a release once as it is, then once per placement path its chart
/// exposes, each time with a marker only there, so fallbacks show too (a global key reaches every
/// component whose own key is empty). Every render has the release's patches applied, as installed:
/// a patch that writes a workload's placement hides the values paths it overwrites.
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
        var kubeVersion = plan.Declaration.Cluster.Version;
        var (prepared, failure) = await renderer.PrepareAsync(release, kubeVersion, cancellation).ConfigureAwait(false);
        if (prepared is null)
        {
            throw failure!.Status == RenderStatus.Rejected
                ? new InvalidInputException(new InputError(plan.Declaration.Source, $"{plan.Declaration.Project}:releases.{release.Name}.values",
                    $"chart {release.Spec.Chart} {release.Spec.Version} refuses the values: {failure.Message}"))
                : new InvalidInputException(new InputError(plan.Declaration.Source, $"{plan.Declaration.Project}:releases.{release.Name}", failure.Message!));
        }
        var workloads = RenderedReleases.Workloads(prepared.Output);

        var exposed = prepared.Exposed;
        var targets = exposed.Targets
            .Concat(prepared.DeclaredTargets)
            .DistinctBy(t => (t.Path, t.Style))
            .ToList();
        progress?.Report($"{release.Name}: {workloads.Count} workload(s); trying {targets.Count} values path(s)");

        var refused = new List<string>();
        var paths = await Task.WhenAll(targets.Select(async target =>
        {
            var marked = await renderer.MarkAsync(release, prepared.Chart, release.Values, [target], exposed.Default, kubeVersion, cancellation)
                .ConfigureAwait(false);
            var (render, _) = RenderedReleases.Read(marked);
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

        return new Discovery(release, workloads, paths.Where(p => p.Workloads.Count > 0).ToList(), refused.Order(StringComparer.Ordinal).ToList())
        {
            PlacedByPatches = prepared.Patches.Where(outcome => release.Spec.Patches[outcome.Index].Intent is not null)
                .SelectMany(outcome => outcome.Applied).ToHashSet(StringComparer.Ordinal),
        };
    }
}
