using System.Text.Json.Nodes;
using NodePools.Placement.Input;
using NodePools.Placement.Kubernetes;
using NodePools.Placement.Kubernetes.Validation;
using NodePools.Placement.Models;

namespace NodePools.Placement.Manifests;

/// <summary>
/// Reads Kubernetes manifests (YAML or JSON, several documents, or a List) into nodes and pod specs.
/// Every problem in a file is reported at once, each naming the file, the document and the field.
/// </summary>
public static class ManifestReader
{
    public static ReadResult<Node> ReadNodes(string file) =>
        IsJson(file) ? ReadJsonNodes(file) : ReadNodes(StructuredText.LoadFile(file));

    public static ReadResult<PodSource> ReadPods(string file) =>
        IsJson(file) ? ReadJsonPods(file) : ReadPods(StructuredText.LoadFile(file));

    /// <summary>Whether the file is JSON (its first character is { or [): YAML takes the tree reader.</summary>
    internal static bool IsJson(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            int first;
            do
            {
                first = stream.ReadByte();
            }
            while (first is ' ' or '\t' or '\r' or '\n' or 0xEF or 0xBB or 0xBF);
            return first is '{' or '[';
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return false; // the tree reader reports it, with the same words as for any file
        }
    }

    private static ReadResult<Node> ReadJsonNodes(string file)
    {
        var errors = new List<InputError>();
        var warnings = new List<InputError>();
        var nodes = new List<Node>();
        var unplaced = new List<(int Index, long Offset)>();
        void Refuse(string field, string message, int document, long offset)
        {
            errors.Add(new InputError(file, field, message) { Document = document });
            unplaced.Add((errors.Count - 1, offset));
        }
        foreach (var (node, document, path, offset) in JsonManifestReader.Read(file, KubernetesJsonContext.Default.Node, errors))
        {
            if (node.Kind != "Node")
            {
                Refuse(Join(path, "kind"), node.Kind is null ? "kind is required (e.g. Node, Pod, Deployment)" : $"expected kind Node, found \"{node.Kind}\"", document, offset);
                continue;
            }
            if (string.IsNullOrEmpty(node.Metadata.Name))
                Refuse(Join(path, "metadata"), "metadata.name is required: pods and reports refer to nodes by name", document, offset);
            warnings.AddRange(ApiRules.CheckNode(node).Select(problem => new InputError(file, path + problem.RelativePath, problem.Message) { Document = document }));
            nodes.Add(node);
        }
        JsonManifestReader.Place(file, errors, unplaced);
        return errors.Count > 0 ? throw new InvalidInputException(errors) : new ReadResult<Node>(nodes, warnings);
    }

    private static ReadResult<PodSource> ReadJsonPods(string file)
    {
        var errors = new List<InputError>();
        var warnings = new List<InputError>();
        var pods = new List<PodSource>();
        var unplaced = new List<(int Index, long Offset)>();
        void Refuse(string field, string message, int document, long offset)
        {
            errors.Add(new InputError(file, field, message) { Document = document });
            unplaced.Add((errors.Count - 1, offset));
        }
        var skipped = new PodlessObjects();
        long firstSkipped = -1;
        foreach (var (obj, document, path, offset) in JsonManifestReader.Read(file, KubernetesJsonContext.Default.ManifestObject, errors))
        {
            if (string.IsNullOrEmpty(obj.Kind))
            {
                Refuse(Join(path, "kind"), "kind is required (e.g. Node, Pod, Deployment)", document, offset);
                continue;
            }
            if (WorkloadModels.Kind(obj.Kind) is not { } model)
            {
                skipped.Add(obj.Kind, new InputError(file, Join(path, "kind"), "") { Document = document });
                if (firstSkipped < 0)
                    firstSkipped = offset;
                continue;
            }
            skipped.PodBearing();
            if (obj.PodSpecAt(model.SpecPath) is not { } spec)
            {
                Refuse(Join(path, model.SpecPathText), $"a {obj.Kind} needs a pod spec at {model.SpecPathText}", document, offset);
                continue;
            }
            var specJsonPath = Join(path, model.SpecPathText);
            warnings.AddRange(ApiRules.CheckPodSpec(spec).Select(problem => new InputError(file, specJsonPath + problem.RelativePath, problem.Message) { Document = document }));
            pods.Add(new PodSource(obj.Metadata?.Name ?? $"{obj.Kind.ToLowerInvariant()}-{document}", obj.Kind, spec) { Namespace = obj.Metadata?.Namespace });
        }
        var before = errors.Count;
        skipped.RefuseIfNothingElse(errors);
        if (errors.Count > before)
            unplaced.Add((before, firstSkipped)); // the refusal stands at the first object passed over
        JsonManifestReader.Place(file, errors, unplaced);
        return errors.Count > 0 ? throw new InvalidInputException(errors) : new ReadResult<PodSource>(Distinguish(pods), warnings) { Skipped = skipped.Counts };
    }

    private static string Join(string path, string field) => path.Length == 0 ? field : $"{path}.{field}";

    public static ReadResult<Node> ReadNodes(IReadOnlyList<ParsedDocument> documents)
    {
        var nodes = new List<Node>();
        var errors = new List<InputError>();
        var warnings = new List<InputError>();
        foreach (var (document, obj, path) in Objects(documents, errors))
        {
            if (!ExpectKind(document, obj, path, errors, out var kind))
                continue;
            if (kind != "Node")
            {
                errors.Add(document.Error(JsonPaths.Property(path, "kind"), $"expected kind Node, found \"{kind}\""));
                continue;
            }
            var node = TypedReader.Read(document, obj, path, KubernetesJsonContext.Default.Node, errors);
            if (node is null)
                continue;
            if (string.IsNullOrEmpty(node.Metadata.Name))
                errors.Add(document.Error(JsonPaths.Property(path, "metadata"), "metadata.name is required: pods and reports refer to nodes by name"));
            warnings.AddRange(ApiRules.CheckNode(node).Select(problem => document.Error(path + problem.RelativePath, problem.Message)));
            nodes.Add(node);
        }
        return errors.Count > 0 ? throw new InvalidInputException(errors) : new ReadResult<Node>(nodes, warnings);
    }


    public static ReadResult<PodSource> ReadPods(IReadOnlyList<ParsedDocument> documents)
    {
        var pods = new List<PodSource>();
        var errors = new List<InputError>();
        var warnings = new List<InputError>();
        var skipped = new PodlessObjects();
        foreach (var (document, obj, path) in Objects(documents, errors))
        {
            if (!ExpectKind(document, obj, path, errors, out var kind))
                continue;
            if (WorkloadModels.Kind(kind) is not { } model)
            {
                skipped.Add(kind, document.Error(JsonPaths.Property(path, "kind"), ""));
                continue;
            }
            skipped.PodBearing();
            var metadata = TypedReader.Read(document, obj["metadata"], JsonPaths.Property(path, "metadata"), KubernetesJsonContext.Default.ObjectMeta, errors);
            var name = metadata?.Name ?? $"{kind.ToLowerInvariant()}-{document.Index}";

            JsonNode? specNode = obj;
            var specJsonPath = path;
            foreach (var step in model.SpecPath)
            {
                specNode = specNode is JsonObject parent ? parent[step] : null;
                specJsonPath = JsonPaths.Property(specJsonPath, step);
            }
            if (specNode is not JsonObject)
            {
                errors.Add(document.Error(specJsonPath, $"a {kind} needs a pod spec at {model.SpecPathText}"));
                continue;
            }
            var spec = TypedReader.Read(document, specNode, specJsonPath, KubernetesJsonContext.Default.PodSpec, errors);
            if (spec is null)
                continue;
            warnings.AddRange(ApiRules.CheckPodSpec(spec).Select(problem => document.Error(specJsonPath + problem.RelativePath, problem.Message)));
            pods.Add(new PodSource(name, kind, spec) { Namespace = metadata?.Namespace });
        }
        skipped.RefuseIfNothingElse(errors);
        return errors.Count > 0 ? throw new InvalidInputException(errors) : new ReadResult<PodSource>(Distinguish(pods), warnings) { Skipped = skipped.Counts };
    }

    /// <summary>
    /// Names every pod so reports can tell them apart: its name; namespace/name where pods of one name
    /// live in several namespaces (kubectl get pods -A); and kind/ or #N where that is still not enough.
    /// </summary>
    private static List<PodSource> Distinguish(List<PodSource> pods)
    {
        string WithNamespace(PodSource pod) => $"{pod.Namespace ?? "default"}/{pod.Name}";
        var byName = pods.GroupBy(pod => pod.Name).Where(group => group.Count() > 1).Select(group => group.Key).ToHashSet(StringComparer.Ordinal);
        var named = pods.Select(pod => byName.Contains(pod.Name) ? pod with { Name = WithNamespace(pod) } : pod).ToList();
        var repeated = named.GroupBy(pod => pod.Name).Where(group => group.Count() > 1).Select(group => group.Key).ToHashSet(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        return named.Select(pod =>
        {
            if (!repeated.Contains(pod.Name))
                return pod;
            var count = seen[pod.Name] = seen.GetValueOrDefault(pod.Name) + 1;
            return pod with { Name = count == 1 ? pod.Name : $"{pod.Name}#{count}" };
        }).ToList();
    }

    /// <summary>Every object in the documents, with lists (kind List, NodeList, PodList...) flattened.</summary>
    private static IEnumerable<(ParsedDocument Document, JsonObject Object, string Path)> Objects(
        IReadOnlyList<ParsedDocument> documents, List<InputError> errors)
    {
        foreach (var document in documents)
        {
            if (document.Root is null)
                continue; // an empty document, e.g. after a trailing '---'
            if (document.Root is not JsonObject root)
            {
                errors.Add(document.Error(JsonPaths.Root, "expected a Kubernetes object (a mapping with apiVersion and kind)"));
                continue;
            }
            var kind = root["kind"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
            if (kind is not null && kind.EndsWith("List", StringComparison.Ordinal) && root["items"] is { } items)
            {
                var itemsPath = JsonPaths.Property(JsonPaths.Root, "items");
                if (items is not JsonArray array)
                {
                    errors.Add(document.Error(itemsPath, "items must be a list of objects"));
                    continue;
                }
                for (var i = 0; i < array.Count; i++)
                {
                    var itemPath = JsonPaths.Index(itemsPath, i);
                    if (array[i] is JsonObject item)
                        yield return (document, item, itemPath);
                    else
                        errors.Add(document.Error(itemPath, "expected a Kubernetes object (a mapping with apiVersion and kind)"));
                }
                continue;
            }
            yield return (document, root, JsonPaths.Root);
        }
    }

    private static bool ExpectKind(ParsedDocument document, JsonObject obj, string path, List<InputError> errors, out string kind)
    {
        if (obj["kind"] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0)
        {
            kind = text;
            return true;
        }
        kind = "";
        errors.Add(document.Error(JsonPaths.Property(path, "kind"), "kind is required (e.g. Node, Pod, Deployment)"));
        return false;
    }
}
