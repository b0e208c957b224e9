using System.Text.Json.Nodes;
using NodePools.Placement.Input;
using NodePools.Placement.Models;

namespace NodePools.Placement.Tests.Models;

/// <summary>
/// The operator models of the registry: which workloads each operator makes from a custom resource,
/// with how many pods and what placement, as the operator version the model names does.
/// </summary>
public class OperatorModelTests
{
    private static JsonObject Resource(string yaml) => (JsonObject)StructuredText.Parse("resource.yaml", yaml)[0].Root!;

    private static string KnativeServing(string spec) =>
        "apiVersion: operator.knative.dev/v1beta1\nkind: KnativeServing\nmetadata: {name: serving}\n" + (spec.Length == 0 ? "" : "spec:\n" + StackText.Indent(spec, 2));

    private static string Monitoring(string kind, string spec, string apiVersion = "monitoring.coreos.com/v1") =>
        $"apiVersion: {apiVersion}\nkind: {kind}\nmetadata: {{name: main}}\n" + (spec.Length == 0 ? "" : "spec:\n" + StackText.Indent(spec, 2));

    private static IReadOnlyList<OperatorWorkload> Make(string yaml)
    {
        var resource = Resource(yaml);
        var (kind, apiVersion) = (resource["kind"]!.GetValue<string>(), resource["apiVersion"]!.GetValue<string>());
        var model = WorkloadModels.Operator(kind, apiVersion);
        // The registry finds the model of this kind in this API group, not one of the same kind elsewhere.
        Assert.Equal((kind, apiVersion.Split('/')[0]), (model?.Kind, model?.ApiGroup));
        return model!.Workloads(resource);
    }

    /// <summary>Each workload as KIND/NAME×REPLICAS, in the operator's order.</summary>
    private static string Summary(IReadOnlyList<OperatorWorkload> workloads) =>
        string.Join(" ", workloads.Select(w => $"{w.Kind}/{w.Name}×{w.Replicas}"));

    private const string Core = "Deployment/activator×1 Deployment/autoscaler×1 Deployment/autoscaler-hpa×1 Deployment/controller×1 Deployment/webhook×1";

    public static TheoryData<string, string, string> Workloads => new()
    {
        { "no ingress: Istio's, as the operator defaults", KnativeServing(""), Core + " Deployment/net-istio-controller×1 Deployment/net-istio-webhook×1" },
        { "Kourier enabled: its controller and Envoy gateway", KnativeServing("ingress: {kourier: {enabled: true}}"),
            Core + " Deployment/net-kourier-controller×1 Deployment/3scale-kourier-gateway×1" },
        { "an ingress block enabling none: no ingress", KnativeServing("ingress: {kourier: {enabled: false}}"), Core },
        { "Contour and Gateway API", KnativeServing("ingress: {contour: {enabled: true}, gateway-api: {enabled: true}}"),
            Core + " Deployment/net-contour-controller×1 Deployment/net-gateway-api-controller×1 Deployment/net-gateway-api-webhook×1" },
        { "high availability: every Deployment, autoscaled ones through their HPA minimum",
            KnativeServing("ingress: {}\nhigh-availability: {replicas: 2}"),
            "Deployment/activator×2 Deployment/autoscaler×2 Deployment/autoscaler-hpa×2 Deployment/controller×2 Deployment/webhook×2" },
        { "an override's replicas win over high availability, even fewer",
            KnativeServing("ingress: {}\nhigh-availability: {replicas: 3}\nworkloads: [{name: controller, replicas: 1}]"),
            "Deployment/activator×3 Deployment/autoscaler×3 Deployment/autoscaler-hpa×3 Deployment/controller×1 Deployment/webhook×3" },
        { "an autoscaled Deployment's minimum is raised, never lowered",
            KnativeServing("ingress: {}\nworkloads: [{name: activator, replicas: 4}, {name: webhook, replicas: 0}]"),
            "Deployment/activator×4 Deployment/autoscaler×1 Deployment/autoscaler-hpa×1 Deployment/controller×1 Deployment/webhook×1" },
        { "Prometheus: one StatefulSet, one replica", Monitoring("Prometheus", ""), "StatefulSet/prometheus-main×1" },
        { "Prometheus shards: one StatefulSet each", Monitoring("Prometheus", "shards: 3\nreplicas: 2"),
            "StatefulSet/prometheus-main×2 StatefulSet/prometheus-main-shard-1×2 StatefulSet/prometheus-main-shard-2×2" },
        { "a negative shard count is one shard", Monitoring("Prometheus", "shards: -2"), "StatefulSet/prometheus-main×1" },
        { "a negative replica count is one replica", Monitoring("Prometheus", "replicas: -1"), "StatefulSet/prometheus-main×1" },
        { "Alertmanager", Monitoring("Alertmanager", "replicas: 3"), "StatefulSet/alertmanager-main×3" },
        { "ThanosRuler", Monitoring("ThanosRuler", ""), "StatefulSet/thanos-ruler-main×1" },
        { "PrometheusAgent in DaemonSet mode", Monitoring("PrometheusAgent", "mode: DaemonSet", "monitoring.coreos.com/v1alpha1"), "DaemonSet/prom-agent-main×1" },
        { "PrometheusAgent, sharded", Monitoring("PrometheusAgent", "shards: 2", "monitoring.coreos.com/v1alpha1"), "StatefulSet/prom-agent-main×1 StatefulSet/prom-agent-main-shard-1×1" },
    };

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Each_operator_makes_its_workloads_with_their_replicas(string description, string resource, string expected)
    {
        Assert.Equal(expected, Summary(Make(resource)));
        Assert.NotEmpty(description);
    }

    /// <summary>description, resource, workload, pod spec field, that field's JSON (or null when absent).</summary>
    public static TheoryData<string, string, string, string, string?> Fields => new()
    {
        { "an override's placement replaces the manifest's", KnativeServing("workloads:\n- name: activator\n  nodeSelector: {pool: services}\n  tolerations: [{key: pool, operator: Exists}]\n  affinity: {nodeAffinity: {}}"),
            "activator", "nodeSelector", """{"pool":"services"}""" },
        { "tolerations from an override", KnativeServing("workloads: [{name: activator, tolerations: [{key: pool, operator: Exists}]}]"),
            "activator", "tolerations", """[{"key":"pool","operator":"Exists"}]""" },
        { "an override applies to its Deployment only", KnativeServing("workloads: [{name: activator, tolerations: [{key: pool, operator: Exists}]}]"),
            "controller", "tolerations", null },
        { "an affinity override replaces the anti-affinity, even an empty one", KnativeServing("workloads: [{name: controller, affinity: {}}]"),
            "controller", "affinity", "{}" },
        { "without an override, the manifest's one-per-node preference", KnativeServing(""),
            "controller", "affinity", """{"podAntiAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"podAffinityTerm":{"labelSelector":{"matchLabels":{"app":"controller"}},"topologyKey":"kubernetes.io/hostname"},"weight":100}]}}""" },
        { "an empty list replaces nothing", KnativeServing("workloads: [{name: webhook, tolerations: [], nodeSelector: {}}]"),
            "webhook", "tolerations", null },
        { "the deprecated spec.deployments, then spec.workloads: the last wins",
            KnativeServing("deployments: [{name: webhook, nodeSelector: {pool: a}}]\nworkloads: [{name: webhook, nodeSelector: {pool: b}}]"),
            "webhook", "nodeSelector", """{"pool":"b"}""" },
        { "resources merge key by key into the named container", KnativeServing("workloads: [{name: activator, resources: [{container: activator, requests: {cpu: '2'}}]}]"),
            "activator", "containers", """[{"name":"activator","resources":{"requests":{"cpu":"2","memory":"60Mi"},"limits":{"cpu":"1000m","memory":"600Mi"}}}]""" },
        { "the deprecated spec.resources, unless an override sets resources", KnativeServing("resources: [{container: autoscaler, limits: {memory: 2Gi}}]"),
            "autoscaler", "containers", """[{"name":"autoscaler","resources":{"requests":{"cpu":"100m","memory":"100Mi"},"limits":{"cpu":"1000m","memory":"2Gi"}}}]""" },
        { "the Kourier gateway's container", KnativeServing("ingress: {kourier: {enabled: true}}\nworkloads: [{name: 3scale-kourier-gateway, tolerations: [{operator: Exists}]}]"),
            "3scale-kourier-gateway", "tolerations", """[{"operator":"Exists"}]""" },
        { "Prometheus pods take the resource's placement as written", Monitoring("Prometheus", "affinity: {nodeAffinity: {}}\ntolerations: [{key: pool, operator: Exists}]\nnodeSelector: {pool: m}\ntopologySpreadConstraints: [{maxSkew: 1}]"),
            "prometheus-main", "tolerations", """[{"key":"pool","operator":"Exists"}]""" },
        { "Prometheus nodeSelector", Monitoring("Prometheus", "nodeSelector: {pool: m}"), "prometheus-main", "nodeSelector", """{"pool":"m"}""" },
        { "Prometheus topology spread", Monitoring("Prometheus", "topologySpreadConstraints: [{maxSkew: 1}]"), "prometheus-main", "topologySpreadConstraints", """[{"maxSkew":1}]""" },
        { "Prometheus resources, and the config-reloader sidecar", Monitoring("Prometheus", "resources: {requests: {memory: 2Gi}}"),
            "prometheus-main", "containers", """[{"name":"prometheus","resources":{"requests":{"memory":"2Gi"}}},{"name":"config-reloader","resources":{"requests":{"cpu":"10m","memory":"50Mi"},"limits":{"cpu":"10m","memory":"50Mi"}}}]""" },
        { "Alertmanager's memory request defaults to 200Mi", Monitoring("Alertmanager", "resources: {requests: {cpu: 100m}}"),
            "alertmanager-main", "containers", """[{"name":"alertmanager","resources":{"requests":{"cpu":"100m","memory":"200Mi"}}},{"name":"config-reloader","resources":{"requests":{"cpu":"10m","memory":"50Mi"},"limits":{"cpu":"10m","memory":"50Mi"}}}]""" },
        { "Alertmanager placement", Monitoring("Alertmanager", "affinity: {nodeAffinity: {}}"), "alertmanager-main", "affinity", """{"nodeAffinity":{}}""" },
        { "Thanos Ruler placement", Monitoring("ThanosRuler", "tolerations: [{operator: Exists}]"), "thanos-ruler-main", "tolerations", """[{"operator":"Exists"}]""" },
        { "every shard gets the placement", Monitoring("Prometheus", "shards: 2\nnodeSelector: {pool: m}"), "prometheus-main-shard-1", "nodeSelector", """{"pool":"m"}""" },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public void Pod_specs_carry_what_the_operator_writes(string description, string resource, string workload, string field, string? expected)
    {
        var made = Assert.Single(Make(resource), w => w.Name == workload);
        Assert.Equal(expected, made.PodSpec[field]?.ToJsonString());
        Assert.NotEmpty(description);
    }

    public static TheoryData<string, string, string?> Kinds => new()
    {
        // kind, apiVersion, the model's or unmodelled kind's operator (null: neither)
        { "KnativeServing", "operator.knative.dev/v1beta1", "the Knative operator" },
        { "KnativeServing", "operator.knative.dev/v1alpha1", "the Knative operator" },
        { "Prometheus", "monitoring.coreos.com/v1", "the Prometheus operator" },
        { "Prometheus", "example.com/v1", null },
        { "Kafka", "kafka.strimzi.io/v1beta2", "Strimzi" },
        { "Cluster", "postgresql.cnpg.io/v1", "CloudNativePG" },
        { "Cluster", "cluster.x-k8s.io/v1beta1", null },
        { "Service", "serving.knative.dev/v1", "Knative Serving" },
        { "Service", "v1", null },
        { "RayCluster", "ray.io/v1", "KubeRay" },
        { "SparkApplication", "sparkoperator.k8s.io/v1beta2", "the Spark operator" },
        { "Elasticsearch", "elasticsearch.k8s.elastic.co/v1", "ECK" },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Custom_resources_are_told_apart_by_kind_and_API_group(string kind, string apiVersion, string? operatorName)
    {
        var found = WorkloadModels.Operator(kind, apiVersion)?.Operator ?? WorkloadModels.Unmodelled(kind, apiVersion)?.Operator;
        Assert.Equal(operatorName, found);
    }

    [Fact]
    public void A_resource_asking_for_more_shards_than_modelled_makes_no_more_than_the_limit()
    {
        var made = Make(Monitoring("Prometheus", "shards: 2000000000"));
        Assert.Equal(PrometheusOperatorModels.MaxShards, made.Count);
        Assert.Equal($"prometheus-main-shard-{PrometheusOperatorModels.MaxShards - 1}", made[^1].Name);
    }

    [Fact]
    public void Every_operator_model_names_the_version_it_encodes_and_no_kind_is_both_modelled_and_not()
    {
        Assert.All(WorkloadModels.OperatorModels, model => Assert.Matches(@"v\d+\.\d+\.\d+", model.OperatorVersion));
        var modelled = WorkloadModels.OperatorModels.Select(model => (model.Kind, model.ApiGroup)).ToHashSet();
        Assert.DoesNotContain(WorkloadModels.UnmodelledKinds, kind => modelled.Contains((kind.Kind, kind.ApiGroup)));
    }
}
