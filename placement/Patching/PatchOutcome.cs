using NodePools.Placement.Planning;

namespace NodePools.Placement.Patching;

/// <summary>
/// What one patch did to a release's rendered objects: the objects it changed, the Helm hooks it
/// matched, and why it could not be applied to an object it matched. Under
/// <see cref="HookHandling.PassThrough"/> (the post-renderer: Helm 3 never sends it hooks) the hooks
/// were left as rendered; under <see cref="HookHandling.PatchAfterRelease"/> they were patched, as a
/// server-side apply after the release patches them, and <see cref="HookProblems"/> says why one could not be.
/// </summary>
public sealed record PatchOutcome(int Index, ManifestPatch Patch, IReadOnlyList<string> Applied, IReadOnlyList<string> Hooks, IReadOnlyList<string> Problems)
{
    public HookHandling HookHandling { get; init; } = HookHandling.PassThrough;

    /// <summary>Why the patch after the release cannot reach or express a hook the patch matched.</summary>
    public IReadOnlyList<string> HookProblems { get; init; } = [];

    /// <summary>The hooks this patch changes after the release (none under <see cref="HookHandling.PassThrough"/>).</summary>
    public IReadOnlyList<string> HooksPatched => HookHandling == HookHandling.PatchAfterRelease ? Hooks : [];

    /// <summary>The patch changes nothing that is installed: by Helm, or by the patch after the release.</summary>
    public bool Unapplied => Applied.Count == 0 && HooksPatched.Count == 0;
}

/// <summary>Rendered manifests after a release's patches, and what each patch did.</summary>
public sealed record PatchResult(string Output, IReadOnlyList<PatchOutcome> Outcomes)
{
    /// <summary>Why a patch could not be applied where it matched: a post-renderer fails the install on these.</summary>
    public IEnumerable<string> Problems => Outcomes.SelectMany(outcome => outcome.Problems.Select(problem => $"patch {outcome.Index + 1} ({outcome.Patch.Target}): {problem}"));
}
