using NodePools.Placement.Scheduling;

namespace NodePools.Placement.Models;

/// <summary>
/// The one registry of where pods come from: the kinds that carry a pod template and where it is,
/// and the runtime pod templates ConfigMaps hold. Everything that reads pods — `explain`'s manifest
/// reader, the rendered-output reader, values-path discovery — reads this table, so a new model is
/// one entry here plus its tests (docs/design.md, "Adding a workload model").
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

    /// <summary>The kind that holds runtime templates.</summary>
    public const string ConfigMap = "ConfigMap";

    private static readonly Dictionary<string, PodTemplateKind> ByKind = PodTemplateKinds.ToDictionary(kind => kind.Kind, StringComparer.Ordinal);

    /// <summary>The pod-template model of a kind, or null for a kind that carries no pods.</summary>
    public static PodTemplateKind? Kind(string? kind) => kind is null ? null : ByKind.GetValueOrDefault(kind);

    /// <summary>"Pod, PodTemplate, Deployment, ...": for messages that list what is accepted.</summary>
    public static string KindList => string.Join(", ", PodTemplateKinds.Select(kind => kind.Kind));

    /// <summary>Kinds whose rendered objects hold pods or runtime pod templates.</summary>
    public static IEnumerable<string> PodBearingKinds => PodTemplateKinds.Select(kind => kind.Kind).Append(ConfigMap);

    /// <summary>The model of a ConfigMap data key that is a whole pod template, or null.</summary>
    public static ConfigMapTemplate? Template(string dataKey) => ConfigMapTemplates.FirstOrDefault(template => template.DataKey == dataKey);
}
