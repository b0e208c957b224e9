using NodePools.Placement.Planning;

namespace NodePools.Placement.Patching;

/// <summary>
/// What one patch did to a release's rendered objects: the objects it changed, the Helm hooks it
/// matched but left alone (Helm 3's post-renderer never receives hooks, so neither does the check's),
/// and why it could not be applied to an object it matched.
/// </summary>
public sealed record PatchOutcome(int Index, ManifestPatch Patch, IReadOnlyList<string> Applied, IReadOnlyList<string> Hooks, IReadOnlyList<string> Problems)
{
    /// <summary>The patch changed nothing Helm installs.</summary>
    public bool Unapplied => Applied.Count == 0;
}

/// <summary>Rendered manifests after a release's patches, and what each patch did.</summary>
public sealed record PatchResult(string Output, IReadOnlyList<PatchOutcome> Outcomes)
{
    /// <summary>Why a patch could not be applied where it matched: a post-renderer fails the install on these.</summary>
    public IEnumerable<string> Problems => Outcomes.SelectMany(outcome => outcome.Problems.Select(problem => $"patch {outcome.Index + 1} ({outcome.Patch.Target}): {problem}"));
}
