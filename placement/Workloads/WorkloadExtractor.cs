using System.Text.Json.Nodes;
using NodePools.Placement.Input;
using NodePools.Placement.Kubernetes;
using NodePools.Placement.Models;
using NodePools.Placement.Scheduling;

namespace NodePools.Placement.Workloads;

/// <summary>
/// Finds every pod a release will run in what its chart rendered: the pod templates of Pods,
/// Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs and CronJobs (hooks and helm test pods
/// included, marked as such), the runtime pod templates ConfigMaps carry, and the workloads operators
/// make from the custom resources it renders, as the models of <see cref="WorkloadModels"/> describe them.
/// </summary>
public static class WorkloadExtractor
{
    public static (IReadOnlyList<Workload> Workloads, IReadOnlyList<string> Problems) Extract(IReadOnlyList<RenderedObject> objects)
    {
        var workloads = new List<Workload>();
        var problems = new List<string>();
        foreach (var obj in objects)
        {
            // A custom resource first: its kind may share a name with a core kind (Volcano's Job, Knative's Service).
            if (WorkloadModels.Operator(obj.Kind, obj.ApiVersion) is { } made)
            {
                workloads.AddRange(OperatorWorkloads.Of(obj, made, problems));
                continue;
            }
            if (WorkloadModels.Unmodelled(obj.Kind, obj.ApiVersion) is not null)
                continue; // its pods are unknown: Checks warns about the resource (operator-workload-unmodelled)
            if (WorkloadModels.Kind(obj.Kind) is { } model && obj.Kind != "PodTemplate")
            {
                var node = model.SpecPath.Aggregate((JsonNode?)obj.Root, (current, step) => current?[step]);
                if (node is not JsonObject spec)
                    continue;
                var origin = obj.IsTest ? WorkloadOrigin.Test : obj.Hook is not null ? WorkloadOrigin.Hook : WorkloadOrigin.Object;
                var prefix = model.SpecPathText;
                if (Build(obj.Id, obj.Kind, origin, obj.Source, spec, obj.Duplicates.Where(d => d.Path == prefix || d.Path.StartsWith(prefix + ".", StringComparison.Ordinal)), problems) is { } workload)
                    workloads.Add(workload with { Hook = obj.Hook, Replicas = Replicas(obj), Namespace = obj.Namespace });
            }
            else if (obj.Kind == WorkloadModels.ConfigMap && obj.Root["data"] is JsonObject data)
            {
                workloads.AddRange(RuntimeTemplates(obj, data, problems));
            }
        }
        return (OperatorWorkloads.Distinct(workloads), problems);
    }

    /// <summary>spec.replicas of the kinds that keep replicas running (the API server defaults it to 1); 1 for the others.</summary>
    private static int Replicas(RenderedObject obj) =>
        obj.Kind is "Deployment" or "StatefulSet" or "ReplicaSet" or "ReplicationController"
        && obj.Root["spec"]?["replicas"] is JsonValue value && value.TryGetValue<int>(out var replicas) && replicas >= 0
            ? replicas
            : 1;

    private static IEnumerable<Workload> RuntimeTemplates(RenderedObject configMap, JsonObject data, List<string> problems)
    {
        foreach (var (key, value) in data)
        {
            if (value is not JsonValue text || !text.TryGetValue<string>(out var yaml) || yaml.Trim().Length == 0)
                continue;
            if (WorkloadModels.Template(key) is { } model)
            {
                if (LenientYaml.FirstOrNull(yaml) is not JsonObject template)
                    continue;
                var spec = model.Honoured is null ? template : Only(template, model.Honoured);
                if (Build($"{configMap.Id}[{key}]", WorkloadKinds.Pod, WorkloadOrigin.RuntimeTemplate, configMap.Source, spec, [], problems) is { } workload)
                    yield return workload with { Note = model.Note, Namespace = configMap.Namespace };
                continue;
            }
            foreach (var defaults in WorkloadModels.ConfigMapDefaultsModels)
            {
                if (!yaml.Contains(defaults.Prefix, StringComparison.Ordinal) || LenientYaml.FirstOrNull(yaml) is not JsonObject document)
                    continue;
                foreach (var (path, holder) in DefaultsHolders(defaults, document, ""))
                {
                    var spec = new JsonObject();
                    foreach (var (from, to) in defaults.Fields)
                    {
                        if (holder[from] is { } field)
                            spec[to] = field.DeepClone();
                    }
                    if (Build($"{configMap.Id}[{key}:{path}]", WorkloadKinds.Pod, WorkloadOrigin.RuntimeTemplate, configMap.Source, spec, [], problems) is { } workload)
                        yield return workload with { Namespace = configMap.Namespace };
                }
            }
        }
    }

    /// <summary>Mappings that hold any of a runtime's default fields, with their paths.</summary>
    private static IEnumerable<(string Path, JsonObject Holder)> DefaultsHolders(ConfigMapDefaults defaults, JsonObject node, string path)
    {
        if (defaults.Fields.Any(pair => node.ContainsKey(pair.From)))
            yield return (path.Length == 0 ? "(root)" : path, node);
        foreach (var (key, child) in node)
        {
            if (child is JsonObject obj)
            {
                foreach (var found in DefaultsHolders(defaults, obj, path.Length == 0 ? key : $"{path}.{key}"))
                    yield return found;
            }
        }
    }

    private static JsonObject Only(JsonObject template, IEnumerable<string> keys)
    {
        var kept = new JsonObject();
        foreach (var key in keys)
        {
            if (template[key] is { } value)
                kept[key] = value.DeepClone();
        }
        return kept;
    }


    /// <summary>A workload from a pod spec's JSON, or null (with the problems) when the spec cannot be read.</summary>
    internal static Workload? Build(string id, string kind, WorkloadOrigin origin, string source, JsonObject spec, IEnumerable<DuplicateKey> duplicates, List<string> problems)
    {
        var errors = new List<InputError>();
        var document = new ParsedDocument(source, 1, spec, SourceMap.Empty);
        var podSpec = TypedReader.Read(document, spec, JsonPaths.Root, KubernetesJsonContext.Default.PodSpec, errors);
        if (podSpec is null)
        {
            problems.AddRange(errors.Select(error => $"{id} ({source}): {error.Field}: {error.Message}"));
            return null;
        }
        var placement = new JsonObject();
        foreach (var key in Workload.PlacementKeys)
        {
            if (spec[key] is { } field)
                placement[key] = field.DeepClone();
        }
        var placementDuplicates = duplicates.Where(d => Workload.PlacementKeys.Any(key => d.Path.Contains($".{key}", StringComparison.Ordinal) || d.Key == key)).ToList();
        return new Workload(id, kind, origin, source, podSpec, placement, placementDuplicates);
    }
}
