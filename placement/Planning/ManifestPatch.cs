using System.Text.Json.Nodes;
using NodePools.Placement.Declaration;

namespace NodePools.Placement.Planning;

/// <summary>
/// A release's patch as it applies to rendered objects: its target, where in the object, and the JSON
/// merge patch (RFC 7386) written there — as declared, or derived from the patch's intent. The
/// post-renderer Helm runs and the check's render both apply exactly this.
/// </summary>
public sealed record ManifestPatch(PatchTarget Target, PatchPath Path, JsonObject Merge)
{
    // Records compare JSON trees by reference; patches are compared by what they write.
    public bool Equals(ManifestPatch? other) =>
        other is not null && Target == other.Target && Path == other.Path && JsonNode.DeepEquals(Merge, other.Merge);

    public override int GetHashCode() => HashCode.Combine(Target, Path);
}

/// <summary>Resolves a declared patch: an intent becomes the placement it derives, written as a merge patch.</summary>
public static class PatchPlanner
{
    public static ManifestPatch Resolve(PatchSpec patch, IReadOnlyList<PoolSpec> pools)
    {
        if (patch.Merge is { } merge)
            return new ManifestPatch(patch.Target, patch.Path, (JsonObject)merge.DeepClone());

        var placement = PlacementDeriver.Derive(patch.Intent!, pools, patch.NodeSelector);
        var written = new JsonObject();
        if (patch.Affinity)
        {
            // The intent owns node affinity: both of its fields are written, a null deleting what the chart had,
            // so no hard-coded term survives beside the derived ones. Pod (anti-)affinity stays the chart's.
            var derived = PlacementJson.Affinity(placement.Affinity)?["nodeAffinity"] as JsonObject;
            written["affinity"] = new JsonObject
            {
                ["nodeAffinity"] = derived is null
                    ? null
                    : new JsonObject
                    {
                        ["requiredDuringSchedulingIgnoredDuringExecution"] = derived["requiredDuringSchedulingIgnoredDuringExecution"]?.DeepClone(),
                        ["preferredDuringSchedulingIgnoredDuringExecution"] = derived["preferredDuringSchedulingIgnoredDuringExecution"]?.DeepClone(),
                    },
            };
        }
        // A merge patch replaces lists whole: the pods tolerate exactly the intent's pools.
        written["tolerations"] = PlacementJson.Tolerations(placement.Tolerations);
        if (PlacementJson.NodeSelector(placement.NodeSelector) is { } selector)
            written["nodeSelector"] = selector;
        return new ManifestPatch(patch.Target, patch.Path, written);
    }
}
