using System.Text.Json.Nodes;
using static NodePools.Placement.Models.OperatorJson;

namespace NodePools.Placement.Models;

/// <summary>
/// The Knative operator's <c>KnativeServing</c> (operator.knative.dev/v1beta1), as knative/operator
/// knative-v1.23.0 reconciles it: the Deployments of Serving 1.23 (2-serving-core.yaml,
/// 3-serving-hpa.yaml) and of the ingress it enables, transformed in the operator's order
/// (pkg/reconciler/common/transformers.go): high availability, the deprecated <c>spec.resources</c>,
/// then every override of <c>spec.deployments</c> and <c>spec.workloads</c> that names the Deployment.
/// Not modelled: the post-install Jobs (storage-version-migration, cleanup), the security guard, and
/// manifests a resource brings itself (<c>spec.manifests</c>).
/// </summary>
internal static class KnativeServingModel
{
    public const string Version = "knative-v1.23.0";

    /// <summary>
    /// One Deployment of the manifests: its one container and its resources; whether a
    /// HorizontalPodAutoscaler owns its replicas (pkg/reconciler/common/hpa.go: an override's replicas
    /// then raise the HPA's minimum, never lower it); whether it prefers one pod per node.
    /// </summary>
    private sealed record ServingDeployment(string Name, string Container, Quantities Resources, bool Autoscaled = false, bool SpreadAcrossNodes = false);

    /// <summary>A container's requests and limits (kept as text: shared tables hold no JSON nodes, which have one parent each).</summary>
    private sealed record Quantities(string CpuRequest, string MemoryRequest, string CpuLimit, string MemoryLimit)
    {
        public JsonObject Json() => OperatorJson.Resources(CpuRequest, MemoryRequest, CpuLimit, MemoryLimit);
    }

    private static Quantities Resources(string cpuRequest, string memoryRequest, string cpuLimit, string memoryLimit) =>
        new(cpuRequest, memoryRequest, cpuLimit, memoryLimit);

    private static readonly ServingDeployment[] Core =
    [
        new("activator", "activator", Resources("300m", "60Mi", "1000m", "600Mi"), Autoscaled: true, SpreadAcrossNodes: true),
        new("autoscaler", "autoscaler", Resources("100m", "100Mi", "1000m", "1000Mi"), SpreadAcrossNodes: true),
        new("autoscaler-hpa", "autoscaler-hpa", Resources("30m", "40Mi", "300m", "400Mi"), SpreadAcrossNodes: true),
        new("controller", "controller", Resources("100m", "100Mi", "1000m", "1000Mi"), SpreadAcrossNodes: true),
        new("webhook", "webhook", Resources("100m", "100Mi", "500m", "500Mi"), Autoscaled: true, SpreadAcrossNodes: true),
    ];

    private static readonly ServingDeployment[] Istio =
    [
        new("net-istio-controller", "controller", Resources("30m", "40Mi", "300m", "400Mi")),
        new("net-istio-webhook", "webhook", Resources("20m", "20Mi", "200m", "200Mi")),
    ];

    /// <summary>
    /// The ingresses in the order the operator lists their manifests (pkg/reconciler/knativeserving/ingress).
    /// Kourier brings its own Envoy gateway besides its controller.
    /// </summary>
    private static readonly (string Key, ServingDeployment[] Deployments)[] Ingresses =
    [
        ("istio", Istio),
        ("contour", [new("net-contour-controller", "controller", Resources("40m", "40Mi", "400m", "400Mi"))]),
        ("kourier",
        [
            new("net-kourier-controller", "controller", Resources("200m", "200Mi", "1", "500Mi")),
            new("3scale-kourier-gateway", "kourier-gateway", Resources("200m", "200Mi", "1", "800Mi"), Autoscaled: true),
        ]),
        ("gateway-api",
        [
            new("net-gateway-api-controller", "controller", Resources("100m", "100Mi", "1000m", "1000Mi"), SpreadAcrossNodes: true),
            new("net-gateway-api-webhook", "webhook", Resources("20m", "20Mi", "200m", "200Mi")),
        ]),
    ];

    public static readonly OperatorModel Model = new("KnativeServing", "operator.knative.dev", "the Knative operator", Version, Workloads);

    public static IReadOnlyList<OperatorWorkload> Workloads(JsonObject resource)
    {
        var spec = Object(resource["spec"]);
        var overrides = Objects(spec["deployments"]).Concat(Objects(spec["workloads"])).ToList();
        var highAvailability = Integer(Object(spec["high-availability"])["replicas"]);
        var legacyResources = Objects(spec["resources"]).ToList();
        return [.. Core.Concat(IngressDeployments(spec)).Select(deployment => Make(deployment, overrides, highAvailability, legacyResources))];
    }

    /// <summary>No <c>spec.ingress</c> means Istio; with one, each ingress whose <c>enabled</c> is true (none by default).</summary>
    private static IEnumerable<ServingDeployment> IngressDeployments(JsonObject spec) =>
        spec["ingress"] is not JsonObject ingress
            ? Istio
            : Ingresses.Where(entry => Bool(Object(ingress[entry.Key])["enabled"])).SelectMany(entry => entry.Deployments);

    private static OperatorWorkload Make(ServingDeployment deployment, List<JsonObject> overrides, int? highAvailability, List<JsonObject> legacyResources)
    {
        var mine = overrides.Where(entry => Text(entry["name"]) == deployment.Name).ToList();
        var pod = new JsonObject { ["containers"] = new JsonArray(Container(deployment.Container, deployment.Resources.Json())) };
        if (deployment.SpreadAcrossNodes)
            pod["affinity"] = PreferOnePerNode(deployment.Name);

        // Every Deployment of these manifests runs one pod, or its HPA's minimum of one.
        var replicas = 1;
        // HighAvailabilityTransform steps aside for a Deployment an override gives replicas to.
        if (highAvailability is { } ha && !mine.Any(entry => Integer(entry["replicas"]) is not null))
            replicas = Scale(deployment, replicas, ha);
        // ResourceRequirementsTransform (spec.resources) steps aside for one an override gives resources to.
        if (!mine.Any(entry => entry["resources"] is JsonArray { Count: > 0 }))
            MergeResources(pod, legacyResources);

        // OverridesTransform: each override replaces the fields it sets (a non-empty list or map, a non-null affinity).
        foreach (var entry in mine)
        {
            if (Integer(entry["replicas"]) is { } count)
                replicas = Scale(deployment, replicas, count);
            if (entry["nodeSelector"] is JsonObject { Count: > 0 } nodeSelector)
                pod["nodeSelector"] = nodeSelector.DeepClone();
            if (entry["topologySpreadConstraints"] is JsonArray { Count: > 0 } spread)
                pod["topologySpreadConstraints"] = spread.DeepClone();
            if (entry["tolerations"] is JsonArray { Count: > 0 } tolerations)
                pod["tolerations"] = tolerations.DeepClone();
            if (entry["affinity"] is JsonObject affinity)
                pod["affinity"] = affinity.DeepClone();
            if (entry["resources"] is JsonArray { Count: > 0 } resources)
                MergeResources(pod, resources.OfType<JsonObject>().ToList());
            if (entry["hostNetwork"] is JsonValue hostNetwork && hostNetwork.TryGetValue<bool>(out var host))
                pod["hostNetwork"] = host;
        }
        return new OperatorWorkload(deployment.Name, "Deployment", replicas, pod);
    }

    /// <summary>An autoscaled Deployment's minimum is only ever raised (hpaTransform); another's replicas are set.</summary>
    private static int Scale(ServingDeployment deployment, int current, int wanted) => deployment.Autoscaled ? Math.Max(current, wanted) : wanted;

    /// <summary>Per container named in an override, its requests and limits merged key by key (common/resources.go merge).</summary>
    private static void MergeResources(JsonObject pod, List<JsonObject> overrides)
    {
        foreach (var container in Objects(pod["containers"]))
        {
            if (overrides.FirstOrDefault(entry => Text(entry["container"]) == Text(container["name"])) is not { } entry)
                continue;
            var resources = container["resources"] as JsonObject ?? new JsonObject();
            foreach (var key in new[] { "requests", "limits" })
            {
                if (entry[key] is not JsonObject wanted)
                    continue;
                var current = resources[key] as JsonObject ?? new JsonObject();
                foreach (var (name, quantity) in wanted)
                    current[name] = quantity?.DeepClone();
                resources[key] = current;
            }
            container["resources"] = resources;
        }
    }

    /// <summary>Serving's manifests prefer one pod of a Deployment per node.</summary>
    private static JsonObject PreferOnePerNode(string app) => new()
    {
        ["podAntiAffinity"] = new JsonObject
        {
            ["preferredDuringSchedulingIgnoredDuringExecution"] = new JsonArray(new JsonObject
            {
                ["podAffinityTerm"] = new JsonObject
                {
                    ["labelSelector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = app } },
                    ["topologyKey"] = "kubernetes.io/hostname",
                },
                ["weight"] = 100,
            }),
        },
    };
}
