using NodePools.Placement.Scheduling;

namespace NodePools.Placement.Models;

/// <summary>
/// The one registry of where pods come from: the kinds that carry a pod template and where it is,
/// the runtime pod templates ConfigMaps hold, and the custom resources whose operators make
/// workloads. Everything that reads pods — `explain`'s manifest reader, the rendered-output reader,
/// values-path discovery — reads this table, so a new model is one entry here plus its tests
/// (docs/design.md, "Adding a workload model").
/// </summary>
public static class WorkloadModels
{
    public static readonly IReadOnlyList<PodTemplateKind> PodTemplateKinds =
    [
        new("Pod", ["spec"]),
        new("PodTemplate", ["template", "spec"]),
        new("Deployment", ["spec", "template", "spec"]),
        new("StatefulSet", ["spec", "template", "spec"]),
        new(WorkloadKinds.DaemonSet, ["spec", "template", "spec"]),
        new("ReplicaSet", ["spec", "template", "spec"]),
        new("ReplicationController", ["spec", "template", "spec"]),
        new("Job", ["spec", "template", "spec"]),
        new("CronJob", ["spec", "jobTemplate", "spec", "template", "spec"]),
    ];

    /// <summary>Tekton (pipeline v0.50+): config-defaults pod templates for task and affinity-assistant pods.</summary>
    public static readonly IReadOnlyList<ConfigMapTemplate> ConfigMapTemplates =
    [
        new("Tekton", "default-pod-template", null),
        // Tekton builds affinity-assistant pods from the template's nodeSelector and tolerations only.
        new("Tekton", "default-affinity-assistant-pod-template", ["nodeSelector", "tolerations"]),
    ];

    /// <summary>Flyte (propeller's k8s plugin): default placement of task pods.</summary>
    public static readonly ConfigMapDefaults FlyteDefaults = new("Flyte",
        [("default-affinity", "affinity"), ("default-tolerations", "tolerations"), ("default-node-selector", "nodeSelector")]);

    public static readonly IReadOnlyList<ConfigMapDefaults> ConfigMapDefaultsModels = [FlyteDefaults];

    /// <summary>Custom resources whose operator makes workloads, each with the operator version it encodes.</summary>
    public static readonly IReadOnlyList<OperatorModel> OperatorModels =
    [
        KnativeServingModel.Model,
        PrometheusOperatorModels.Prometheus,
        PrometheusOperatorModels.PrometheusAgent,
        PrometheusOperatorModels.Alertmanager,
        PrometheusOperatorModels.ThanosRuler,
    ];

    /// <summary>Custom resources known to make pods that no model describes: warned about, never passed over.</summary>
    public static IReadOnlyList<UnmodelledKind> UnmodelledKinds => UnmodelledOperatorKinds.All;

    /// <summary>The kind that holds runtime templates.</summary>
    public const string ConfigMap = "ConfigMap";

    private static readonly Dictionary<string, PodTemplateKind> ByKind = PodTemplateKinds.ToDictionary(kind => kind.Kind, StringComparer.Ordinal);

    /// <summary>The pod-template model of a kind, or null for a kind that carries no pods.</summary>
    public static PodTemplateKind? Kind(string? kind) => kind is null ? null : ByKind.GetValueOrDefault(kind);

    /// <summary>"Pod, PodTemplate, Deployment, ...": for messages that list what is accepted.</summary>
    public static string KindList => string.Join(", ", PodTemplateKinds.Select(kind => kind.Kind));

    /// <summary>Kinds whose rendered objects hold pods or runtime pod templates.</summary>
    public static IEnumerable<string> PodBearingKinds => PodTemplateKinds.Select(kind => kind.Kind).Append(ConfigMap);

    /// <summary>Kinds of custom resources that make pods, modelled or not: the rendered-output reader reads them.</summary>
    public static IEnumerable<string> CustomResourceKinds =>
        OperatorModels.Select(model => model.Kind).Concat(UnmodelledKinds.Select(kind => kind.Kind)).Distinct(StringComparer.Ordinal);

    /// <summary>The API group of an apiVersion: "monitoring.coreos.com/v1" → "monitoring.coreos.com"; "v1" → "" (core).</summary>
    public static string Group(string? apiVersion) =>
        apiVersion is not null && apiVersion.IndexOf('/') is var slash and > 0 ? apiVersion[..slash] : "";

    /// <summary>The operator model of a custom resource (its kind in its API group), or null.</summary>
    public static OperatorModel? Operator(string? kind, string? apiVersion) =>
        OperatorModels.FirstOrDefault(model => model.Kind == kind && model.ApiGroup == Group(apiVersion));

    /// <summary>The unmodelled pod-making kind a custom resource is, or null.</summary>
    public static UnmodelledKind? Unmodelled(string? kind, string? apiVersion) =>
        UnmodelledKinds.FirstOrDefault(entry => entry.Kind == kind && entry.ApiGroup == Group(apiVersion));

    /// <summary>The model of a ConfigMap data key that is a whole pod template, or null.</summary>
    public static ConfigMapTemplate? Template(string dataKey) => ConfigMapTemplates.FirstOrDefault(template => template.DataKey == dataKey);
}
