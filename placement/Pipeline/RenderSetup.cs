using NodePools.Placement.Rendering;

namespace NodePools.Placement.Pipeline;

/// <summary>
/// Whether and how the pipeline renders charts, resolved by the caller before it runs: a helm runner
/// and the render options, or the reason rendering is skipped (said in the report). <see cref="Required"/>:
/// the caller asked for rendering, so a chart that cannot be had is an error.
/// </summary>
public sealed record RenderSetup(HelmRunner? Helm, RenderOptions Options, bool Required, string? SkipReason)
{
    public static RenderSetup With(HelmRunner helm, RenderOptions options, bool required) => new(helm, options, required, null);

    public static RenderSetup Skip(string reason) => new(null, new RenderOptions(), false, reason);
}
