using System.Text.Json.Nodes;
using NodePools.Placement.Models;
using YamlDotNet.Core;
using NodePools.Placement.Input;

namespace NodePools.Placement.Workloads;

/// <summary>One object a chart rendered: what it is, the template it came from, and the keys it repeats.</summary>
public sealed record RenderedObject(string Kind, string Name, string? Namespace, string Source, JsonObject Root, IReadOnlyList<DuplicateKey> Duplicates)
{
    /// <summary>KIND/NAME, how findings and acknowledgements name it.</summary>
    public string Id => $"{Kind}/{Name}";

    /// <summary>apiVersion as written (apps/v1, monitoring.coreos.com/v1): custom resources are told apart by their API group.</summary>
    public string? ApiVersion => Root["apiVersion"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>The Helm hook annotation (pre-install, test, ...), or null for an ordinary object.</summary>
    public string? Hook => Annotation("helm.sh/hook");

    /// <summary>A `helm test` pod: it runs only when someone runs helm test.</summary>
    public bool IsTest => Hook?.Split(',').Any(hook => hook.Trim() is "test" or "test-success" or "test-failure") ?? false;

    public string? Annotation(string key) =>
        Root["metadata"]?["annotations"] is JsonObject annotations && annotations[key] is JsonValue value ? value.ToString() : null;
}

/// <summary>
/// Splits `helm template` output into objects. Helm writes <c>---</c> and a <c># Source: TEMPLATE</c>
/// comment before each document; each document is read on its own, leniently (duplicate keys are kept
/// as the API server reads them), so one odd template cannot hide the others.
/// </summary>
public static partial class RenderedManifest
{
    private const string SourcePrefix = "# Source: ";

    /// <summary>
    /// The kinds placement reads: those the workload models know (custom resources whose operators make
    /// pods included), and Namespaces (a release that renders the namespace it is installed into fails);
    /// others (CRDs with their large schemas, RBAC...) are passed over unread.
    /// </summary>
    private static readonly HashSet<string> ReadKinds =
        new(WorkloadModels.PodBearingKinds.Concat(WorkloadModels.CustomResourceKinds).Append("Namespace"), StringComparer.Ordinal);

    [System.Text.RegularExpressions.GeneratedRegex(@"^kind:[ \t]*[""']?([A-Za-z0-9]+)[""']?[ \t]*$", System.Text.RegularExpressions.RegexOptions.Multiline)]
    private static partial System.Text.RegularExpressions.Regex TopLevelKind();

    /// <summary>Whether a document may hold an object placement reads; a document whose kind is not plain to see is read.</summary>
    private static bool Wanted(string text) =>
        TopLevelKind().Match(text) is not { Success: true } match
        || ReadKinds.Contains(match.Groups[1].Value)
        || match.Groups[1].Value.EndsWith("List", StringComparison.Ordinal);

    /// <summary>The objects in the output, and the documents that could not be read (template, reason).</summary>
    public static (IReadOnlyList<RenderedObject> Objects, IReadOnlyList<string> Problems) Read(string output)
    {
        var objects = new List<RenderedObject>();
        var problems = new List<string>();
        foreach (var (source, text) in Documents(output))
        {
            if (!Wanted(text))
                continue;
            IReadOnlyList<LenientDocument> documents;
            try
            {
                documents = LenientYaml.Parse(text);
            }
            catch (YamlException ex)
            {
                problems.Add($"{source}: not readable as YAML ({ex.Message})");
                continue;
            }
            foreach (var document in documents)
            {
                if (document.Root is not JsonObject root)
                    continue;
                foreach (var item in Flatten(root))
                {
                    var kind = Text(item["kind"]);
                    var name = Text(item["metadata"]?["name"]);
                    if (kind is null || name is null)
                        continue;
                    objects.Add(new RenderedObject(kind, name, Text(item["metadata"]?["namespace"]), source, item, document.Duplicates));
                }
            }
        }
        return (objects, problems);
    }

    private static IEnumerable<JsonObject> Flatten(JsonObject root) =>
        Text(root["kind"]) is { } kind && kind.EndsWith("List", StringComparison.Ordinal) && root["items"] is JsonArray items
            ? items.OfType<JsonObject>()
            : [root];

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    /// <summary>Each document's text with the template it came from.</summary>
    private static IEnumerable<(string Source, string Text)> Documents(string output)
    {
        var source = "(unnamed template)";
        var current = new System.Text.StringBuilder();
        foreach (var line in output.Split('\n'))
        {
            if (line.TrimEnd('\r') == "---")
            {
                if (current.Length > 0)
                    yield return (source, current.ToString());
                current.Clear();
                source = "(unnamed template)";
                continue;
            }
            if (line.StartsWith(SourcePrefix, StringComparison.Ordinal) && current.Length == 0)
                source = line[SourcePrefix.Length..].Trim();
            current.Append(line).Append('\n');
        }
        if (current.ToString().Trim().Length > 0)
            yield return (source, current.ToString());
    }
}
