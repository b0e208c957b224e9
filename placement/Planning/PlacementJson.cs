using System.Text.Json;
using System.Text.Json.Nodes;
using NodePools.Placement.Input;
using NodePools.Placement.Kubernetes;

namespace NodePools.Placement.Planning;

/// <summary>A derived placement as the JSON a chart reads: camelCase Kubernetes objects, nulls left out.</summary>
public static class PlacementJson
{
    public static JsonNode? Affinity(Affinity? affinity) =>
        affinity is null ? null : JsonSerializer.SerializeToNode(affinity, KubernetesJsonContext.Default.Affinity);

    public static JsonArray Tolerations(IReadOnlyList<Toleration> tolerations) =>
        (JsonArray)JsonSerializer.SerializeToNode(tolerations.ToList(), KubernetesJsonContext.Default.ListToleration)!;

    public static JsonObject? NodeSelector(IReadOnlyDictionary<string, string>? selector) =>
        selector is null ? null : (JsonObject)JsonSerializer.SerializeToNode(selector.ToDictionary(), KubernetesJsonContext.Default.DictionaryStringString)!;
}
