using System.Text.Json.Nodes;
using NodePools.Placement.Input;
using NodePools.Placement.Planning;

namespace NodePools.Placement.Patching;

/// <summary>A server-side apply that patches one Helm hook after its release: the object it names, and the body.</summary>
public sealed record HookApply(string ApiVersion, string Kind, string Name, string Namespace, JsonObject Body)
{
    public string Id => $"{Kind}/{Name}";
}

/// <summary>The hooks a release's patches change, and why some cannot be patched after the release.</summary>
public sealed record HookApplies(IReadOnlyList<HookApply> Applies, IReadOnlyList<string> Problems);

/// <summary>
/// The bodies of the server-side applies that patch a release's Helm hooks after the release: each
/// rendered hook a patch targets, passed through <see cref="ManifestPatcher"/> exactly as the check's
/// render passes it, then cut to the top-level fields the patches change — each carried whole, as
/// patched. Whole, because a custom resource's lists without <c>x-kubernetes-list-type</c> (a
/// KnativeServing's <c>spec.workloads</c>) are atomic to a server-side apply: a body holding only our
/// entry would replace the chart's entries with it. Carrying the field whole keeps every value the
/// chart rendered there and needs no schema.
/// </summary>
public static class HookApplyPatch
{
    /// <param name="rendered">The release's rendered objects (hooks among them), as the Kubernetes provider's renderer returns them.</param>
    public static HookApplies For(IEnumerable<JsonObject> rendered, string releaseNamespace, IReadOnlyList<ManifestPatch> patches)
    {
        var applies = new List<HookApply>();
        var problems = new List<string>();
        foreach (var obj in rendered)
        {
            var (apply, refused) = For(obj, releaseNamespace, patches);
            if (apply is not null)
                applies.Add(apply);
            problems.AddRange(refused);
        }
        return new HookApplies(applies, problems);
    }

    /// <summary>One rendered object: its apply body when it is a hook a patch changes (null otherwise), or why it cannot be patched.</summary>
    public static (HookApply? Apply, IReadOnlyList<string> Problems) For(JsonObject rendered, string releaseNamespace, IReadOnlyList<ManifestPatch> patches)
    {
        var result = ManifestPatcher.Apply(YamlText.From(rendered), releaseNamespace, patches, HookHandling.PatchAfterRelease);
        var problems = result.Outcomes
            .SelectMany(outcome => outcome.HookProblems.Select(problem => $"patch {outcome.Index + 1} ({outcome.Patch.Target}): {problem}"))
            .ToList();
        var matched = result.Outcomes.Where(outcome => outcome.HooksPatched.Count > 0).ToList();
        if (problems.Count > 0 || matched.Count == 0)
            return (null, problems);

        var patched = (JsonObject)YamlTree.Read(result.Output, DuplicateKeys.LastWins).Single(document => document.Root is JsonObject).Root!;
        var metadata = patched["metadata"] as JsonObject;
        var name = (string)metadata!["name"]!;
        var objectNamespace = metadata["namespace"]?.GetValue<string>() is { Length: > 0 } ns ? ns : releaseNamespace;
        var body = new JsonObject
        {
            ["apiVersion"] = patched["apiVersion"]?.DeepClone(),
            ["kind"] = patched["kind"]?.DeepClone(),
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = objectNamespace },
        };
        foreach (var field in matched.SelectMany(outcome => HookPatching.Fields(outcome.Patch)).Distinct(StringComparer.Ordinal))
        {
            if (field == "metadata")
            {
                // The object's name and namespace are the apply's own; what a patch changes under metadata is its labels and annotations.
                foreach (var key in new[] { "labels", "annotations" }.Where(metadata.ContainsKey))
                    body["metadata"]![key] = metadata[key]?.DeepClone();
            }
            else
            {
                body[field] = patched[field]?.DeepClone();
            }
        }
        return (new HookApply((string)body["apiVersion"]!, (string)body["kind"]!, name, objectNamespace, body), []);
    }
}
