using System.Text;
using System.Text.RegularExpressions;
using NodePools.Placement.Declaration;
using NodePools.Placement.Input;
using NodePools.Placement.Planning;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NodePools.Placement.Patching;

/// <summary>
/// The post-renderer: a release's patches applied to its rendered manifests. `nodepools postrender`
/// (which Helm runs when Pulumi installs the release) and the check's render both call this one
/// function, so what is checked is what is installed.
/// <list type="bullet">
/// <item>Documents no patch targets pass through byte for byte, comments included.</item>
/// <item>A patched document keeps its leading comments (Helm's <c># Source:</c> line) and is written
/// again as block YAML: its untouched values keep their text and style, comments inside it are dropped.</item>
/// <item>Objects inside a <c>List</c> are targets like any other.</item>
/// <item>Helm hooks: Helm 3's post-renderer, which Pulumi's Release embeds, never receives them, so
/// the post-renderer leaves them alone (<see cref="HookHandling.PassThrough"/>; Helm 4 sends hooks,
/// with the same result). The program patches them after the release by server-side apply, with the
/// body <see cref="HookApplyPatch"/> computes through this function; the check patches them here
/// (<see cref="HookHandling.PatchAfterRelease"/>), so it reads what that apply leaves.</item>
/// </list>
/// </summary>
public static partial class ManifestPatcher
{
    public const string HookAnnotation = "helm.sh/hook";

    [GeneratedRegex(@"^kind:[ \t]*[""']?([A-Za-z0-9]+)[""']?[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex TopLevelKind();

    /// <param name="releaseNamespace">Where Helm installs objects rendered without a namespace.</param>
    /// <param name="hooks">Whether hooks are patched (the check, the patch after the release) or pass through (the post-renderer).</param>
    public static PatchResult Apply(string manifests, string releaseNamespace, IReadOnlyList<ManifestPatch> patches, HookHandling hooks)
    {
        var outcomes = patches.Select(_ => (Applied: new List<string>(), Hooks: new List<string>(), Problems: new List<string>(), HookProblems: new List<string>())).ToArray();
        if (patches.Count == 0)
            return new PatchResult(manifests, []);

        var kinds = patches.Select(patch => patch.Target.Kind).ToHashSet(StringComparer.Ordinal);
        var output = new StringBuilder(manifests.Length + 1024);
        foreach (var chunk in ManifestChunks.Split(manifests))
        {
            if (!MayHold(chunk.Body, kinds) || Read(chunk.Body) is not { } documents)
            {
                output.Append(chunk.Text);
                continue;
            }
            var changed = false;
            foreach (var obj in documents.SelectMany(Objects))
            {
                for (var i = 0; i < patches.Count; i++)
                {
                    if (!Matches(obj, patches[i].Target, releaseNamespace))
                        continue;
                    var id = $"{YamlNodes.Text(YamlNodes.Child(obj, "kind"))}/{Name(obj)}";
                    if (HookPatching.IsHook(obj))
                    {
                        if (hooks == HookHandling.PassThrough)
                            outcomes[i].Hooks.Add(id);
                        else if ((HookPatching.Unreachable(obj) ?? HookPatching.Inexpressible(obj, patches[i])) is { } refusal)
                            outcomes[i].HookProblems.Add($"{id}: {refusal}");
                        else if (ObjectPatch.Apply(obj, patches[i].Path, patches[i].Merge) is { } problem)
                            outcomes[i].HookProblems.Add($"{id}: at {patches[i].Path}, {problem}");
                        else
                        {
                            outcomes[i].Hooks.Add(id);
                            changed = true;
                        }
                    }
                    else if (ObjectPatch.Apply(obj, patches[i].Path, patches[i].Merge) is { } problem)
                    {
                        outcomes[i].Problems.Add($"{id}: at {patches[i].Path}, {problem}");
                    }
                    else
                    {
                        outcomes[i].Applied.Add(id);
                        changed = true;
                    }
                }
            }
            output.Append(changed
                ? chunk.Separator + chunk.Comments + string.Join("---\n", documents.OfType<YamlNode>().Select(YamlNodes.Write))
                : chunk.Text);
        }
        return new PatchResult(output.ToString(),
            outcomes.Select((outcome, i) => new PatchOutcome(i, patches[i], outcome.Applied, outcome.Hooks, outcome.Problems)
            {
                HookHandling = hooks,
                HookProblems = outcome.HookProblems,
            }).ToList());
    }

    /// <summary>Whether a document may hold a target: its kind is one patched, a List, or not plain to see.</summary>
    private static bool MayHold(string body, HashSet<string> kinds) =>
        TopLevelKind().Match(body) is not { Success: true } match
        || kinds.Contains(match.Groups[1].Value)
        || match.Groups[1].Value.EndsWith("List", StringComparison.Ordinal);

    /// <summary>A document's YAML, or null when it is not readable: it then passes through for Helm to judge.</summary>
    private static IReadOnlyList<YamlNode?>? Read(string body)
    {
        try
        {
            return YamlNodes.Read(body);
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The objects of a document: the document itself, or the items of a List.</summary>
    private static IEnumerable<YamlMappingNode> Objects(YamlNode? document)
    {
        if (document is not YamlMappingNode root)
            return [];
        return YamlNodes.Text(YamlNodes.Child(root, "kind")) is { } kind && kind.EndsWith("List", StringComparison.Ordinal)
               && YamlNodes.Child(root, "items") is YamlSequenceNode items
            ? items.Children.OfType<YamlMappingNode>()
            : [root];
    }

    private static bool Matches(YamlMappingNode obj, PatchTarget target, string releaseNamespace) =>
        YamlNodes.Text(YamlNodes.Child(obj, "kind")) == target.Kind
        && Name(obj) == target.Name
        && (target.ApiVersion is null || YamlNodes.Text(YamlNodes.Child(obj, "apiVersion")) == target.ApiVersion)
        && (target.Namespace is null || (Metadata(obj, "namespace") ?? releaseNamespace) == target.Namespace);

    private static string? Name(YamlMappingNode obj) => Metadata(obj, "name");

    private static string? Metadata(YamlMappingNode obj, string key) =>
        YamlNodes.Child(obj, "metadata") is YamlMappingNode metadata && YamlNodes.Text(YamlNodes.Child(metadata, key)) is { Length: > 0 } text ? text : null;
}
