using System.Text.Json.Nodes;
using static NodePools.Placement.Models.OperatorJson;

namespace NodePools.Placement.Models;

/// <summary>
/// The Prometheus operator's resources (monitoring.coreos.com), as prometheus-operator v0.93.0 makes
/// their StatefulSets: the pods take the resource's <c>spec.nodeSelector</c>, <c>spec.tolerations</c>,
/// <c>spec.affinity</c>, <c>spec.topologySpreadConstraints</c> and <c>spec.hostNetwork</c> as written,
/// the main container <c>spec.resources</c>, and every pod a config-reloader sidecar of 10m CPU and 50Mi
/// (the operator's defaults, requests equal to limits). Not modelled: <c>spec.containers</c> and
/// <c>spec.initContainers</c> patches, and the zone a topology-sharded Prometheus adds to its node selector.
/// </summary>
internal static class PrometheusOperatorModels
{
    public const string Version = "prometheus-operator v0.93.0";

    private const string Group = "monitoring.coreos.com";
    private const string Operator = "the Prometheus operator";

    /// <summary>The most shards modelled: more would be checked the same way, one StatefulSet at a time.</summary>
    public const int MaxShards = 100;

    public static readonly OperatorModel Prometheus = new("Prometheus", Group, Operator, Version, resource => Servers(resource, "prometheus"));

    /// <summary>v1alpha1; a StatefulSet per shard, or with <c>spec.mode: DaemonSet</c> one DaemonSet.</summary>
    public static readonly OperatorModel PrometheusAgent = new("PrometheusAgent", Group, Operator, Version, Agent);

    public static readonly OperatorModel Alertmanager = new("Alertmanager", Group, Operator, Version, resource =>
    [
        new($"alertmanager-{Name(resource)}", "StatefulSet", Math.Max(0, Integer(Spec(resource)["replicas"]) ?? 1),
            Pod(Spec(resource), [Container("alertmanager", WithMemoryRequest(Spec(resource)["resources"])), Reloader("config-reloader")], [Reloader("init-config-reloader")])),
    ]);

    public static readonly OperatorModel ThanosRuler = new("ThanosRuler", Group, Operator, Version, resource =>
    [
        new($"thanos-ruler-{Name(resource)}", "StatefulSet", Math.Max(0, Integer(Spec(resource)["replicas"]) ?? 1),
            Pod(Spec(resource), [Container("thanos-ruler", WithMemoryRequest(Spec(resource)["resources"])), Reloader("config-reloader")], [])),
    ]);

    /// <summary>A StatefulSet per shard: <c>prefix-NAME</c>, then <c>prefix-NAME-shard-N</c> (pkg/prometheus/common.go).</summary>
    private static IReadOnlyList<OperatorWorkload> Servers(JsonObject resource, string prefix)
    {
        var spec = Spec(resource);
        // Shards are alike but for their name; a rendered resource cannot make the check build millions of them.
        var shards = Math.Clamp(Integer(spec["shards"]) ?? 1, 1, MaxShards);
        var replicas = Integer(spec["replicas"]) is { } count and >= 0 ? count : 1;
        var containers = new List<JsonObject> { Container("prometheus", spec["resources"]), Reloader("config-reloader") };
        if (spec["thanos"] is JsonObject thanos)
            containers.Add(Container("thanos-sidecar", thanos["resources"]));
        var baseName = $"{prefix}-{Name(resource)}";
        return Enumerable.Range(0, shards)
            .Select(shard => new OperatorWorkload(shard == 0 ? baseName : $"{baseName}-shard-{shard}", "StatefulSet", replicas,
                Pod(spec, containers, [Reloader("init-config-reloader")])))
            .ToList();
    }

    private static IReadOnlyList<OperatorWorkload> Agent(JsonObject resource)
    {
        if (Text(Spec(resource)["mode"]) != "DaemonSet")
            return Servers(resource, "prom-agent");
        var spec = Spec(resource);
        return [new($"prom-agent-{Name(resource)}", "DaemonSet", 1, Pod(spec, [Container("prometheus", spec["resources"]), Reloader("config-reloader")], []))];
    }

    private static JsonObject Spec(JsonObject resource) => Object(resource["spec"]);

    private static string Name(JsonObject resource) => Text(Object(resource["metadata"])["name"]) ?? "";

    /// <summary>The pod spec: the resource's placement fields as written, and the operator's containers.</summary>
    private static JsonObject Pod(JsonObject spec, IEnumerable<JsonObject> containers, IEnumerable<JsonObject> initContainers)
    {
        var pod = new JsonObject();
        foreach (var key in new[] { "nodeSelector", "tolerations", "affinity", "topologySpreadConstraints" })
        {
            if (spec[key] is { } field)
                pod[key] = field.DeepClone();
        }
        if (Bool(spec["hostNetwork"]))
            pod["hostNetwork"] = true;
        // Copies: the containers of one resource serve every shard's pods, and a JSON node has one parent.
        pod["containers"] = new JsonArray([.. containers.Select(container => container.DeepClone())]);
        var init = initContainers.Select(container => container.DeepClone()).ToArray();
        if (init.Length > 0)
            pod["initContainers"] = new JsonArray(init);
        return pod;
    }

    /// <summary>The operator's config-reloader: --config-reloader-cpu/memory default to 10m and 50Mi, as requests and limits.</summary>
    private static JsonObject Reloader(string name) => Container(name, Resources("10m", "50Mi", "10m", "50Mi"));

    /// <summary>Alertmanager and Thanos Ruler get a 200Mi memory request when the resource states none.</summary>
    private static JsonObject WithMemoryRequest(JsonNode? resources)
    {
        var copy = resources is JsonObject given ? (JsonObject)given.DeepClone() : new JsonObject();
        var requests = copy["requests"] as JsonObject ?? new JsonObject();
        if (requests["memory"] is null)
            requests["memory"] = "200Mi";
        copy["requests"] = requests;
        return copy;
    }
}
