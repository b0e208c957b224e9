using System.Diagnostics;
using NodePools.Placement.Planning;

namespace NodePools.Placement.Rendering;

/// <summary>Renders every release of a plan, in parallel, with the cluster's Kubernetes version.</summary>
public static class StackRenderer
{
    public static async Task<StackRender> RenderAsync(StackPlan plan, HelmRunner helm, RenderOptions options, IProgress<string>? progress = null,
        CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var version = await helm.VersionAsync(cancellation).ConfigureAwait(false) ?? "helm (version unknown)";
        using var gate = new SemaphoreSlim(options.Parallelism);
        var renderer = new ReleaseRenderer(helm, options, gate);
        var renders = await Task.WhenAll(plan.Releases.Select(async release =>
        {
            var render = await renderer.RenderAsync(release, plan.Declaration.Cluster.Version, cancellation).ConfigureAwait(false);
            progress?.Report($"{release.Name}: {Describe(render)}");
            return render;
        })).ConfigureAwait(false);
        return new StackRender(version, renders, clock.Elapsed);
    }

    private static string Describe(ReleaseRender render) => render.Status switch
    {
        RenderStatus.Rendered => $"rendered {render.Workloads.Count} workload(s)",
        RenderStatus.Rejected => "the chart refused the values",
        _ => "chart unavailable",
    };
}
