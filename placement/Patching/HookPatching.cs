using NodePools.Placement.Input;
using NodePools.Placement.Planning;
using YamlDotNet.RepresentationModel;

namespace NodePools.Placement.Patching;

/// <summary>What <see cref="ManifestPatcher"/> does with a Helm hook a patch targets.</summary>
public enum HookHandling
{
    /// <summary>The post-renderer: hooks pass through as rendered (Helm 3 never sends them; Helm 4 does, and they are left alone).</summary>
    PassThrough,

    /// <summary>The check's render and the apply body: hooks are patched, as the server-side apply after the release patches them.</summary>
    PatchAfterRelease,
}

/// <summary>
/// Which hooks a patch after the release can reach. The patch is a server-side apply of the patched
/// object's top-level fields, made once the release (and so its post-install/post-upgrade hooks) is in
/// place; what it cannot express is refused with the reason rather than applied differently.
/// </summary>
internal static class HookPatching
{
    public const string DeletePolicyAnnotation = "helm.sh/hook-delete-policy";

    /// <summary>The top-level fields a patch after the release may carry: the Kubernetes provider's patch resource takes spec and metadata.</summary>
    public static readonly IReadOnlyList<string> CarriedFields = ["spec", "metadata"];

    /// <summary>Why no patch after the release can reach this hook; null when one can.</summary>
    public static string? Unreachable(YamlMappingNode hook)
    {
        var kind = YamlNodes.Text(YamlNodes.Child(hook, "kind"));
        if (kind is "Job" or "Pod")
            return $"it is a Helm hook {kind}, whose pods run during the install, before a patch after the release could reach them";
        var policies = (Annotation(hook, DeletePolicyAnnotation) ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (policies.FirstOrDefault(policy => policy is "hook-succeeded" or "hook-failed") is { } policy)
            return $"it is a Helm hook Helm deletes once it has run ({DeletePolicyAnnotation}: {policy}), so nothing is left to patch after the release";
        return null;
    }

    /// <summary>The top-level fields a patch changes: its path's first key, or the keys of its merge at the object itself.</summary>
    public static IEnumerable<string> Fields(ManifestPatch patch) =>
        patch.Path.Steps.Count > 0 ? [patch.Path.Steps[0].Key] : patch.Merge.Select(pair => pair.Key);

    /// <summary>Why a server-side apply cannot express this patch of this hook; null when it can.</summary>
    public static string? Inexpressible(YamlMappingNode hook, ManifestPatch patch)
    {
        if (Fields(patch).FirstOrDefault(field => !CarriedFields.Contains(field)) is { } other)
            return $"it changes the hook's top-level field \"{other}\", and a patch after the release carries only {string.Join(" and ", CarriedFields)}";
        if (ObjectPatch.Deletions(hook, patch.Path, patch.Merge).FirstOrDefault() is { } deleted)
            return $"its null would delete {deleted}, which the chart renders: a server-side apply cannot delete a field Helm set (write the value wanted instead of null)";
        return null;
    }

    public static bool IsHook(YamlMappingNode obj) => Annotation(obj, ManifestPatcher.HookAnnotation) is { Length: > 0 };

    private static string? Annotation(YamlMappingNode obj, string key) =>
        YamlNodes.Child(obj, "metadata") is YamlMappingNode metadata
        && YamlNodes.Child(metadata, "annotations") is YamlMappingNode annotations
            ? YamlNodes.Text(YamlNodes.Child(annotations, key))
            : null;
}
