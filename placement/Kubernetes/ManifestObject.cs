namespace NodePools.Placement.Kubernetes;

/// <summary>
/// Any object `explain` may be given, read straight from JSON with only what placement needs: its
/// kind and metadata, and wherever its kind keeps the pod spec. Everything else (status,
/// managedFields, container details) is skipped by the reader, never built.
/// </summary>
public sealed record ManifestObject
{
    public string? Kind { get; init; }
    public ObjectMeta? Metadata { get; init; }

    /// <summary>A Pod's spec, or a workload's (holding its template).</summary>
    public ManifestSpec? Spec { get; init; }

    /// <summary>A PodTemplate's template.</summary>
    public PodTemplateSpec? Template { get; init; }

    /// <summary>
    /// The pod spec at a model's path (the workload models), in the shapes this typed
    /// binding knows; a kind with a new shape needs its properties here too.
    /// </summary>
    public PodSpec? PodSpecAt(IReadOnlyList<string> path) => path switch
    {
        ["spec"] => Spec,
        ["template", "spec"] => Template?.Spec,
        ["spec", "template", "spec"] => Spec?.Template?.Spec,
        ["spec", "jobTemplate", "spec", "template", "spec"] => Spec?.JobTemplate?.Spec?.Template?.Spec,
        _ => null,
    };
}

/// <summary>A Pod's spec and a workload's spec in one shape: the pod fields, the template, the job template.</summary>
public sealed record ManifestSpec : PodSpec
{
    public PodTemplateSpec? Template { get; init; }
    public JobTemplateSpec? JobTemplate { get; init; }
}

public sealed record JobTemplateSpec
{
    public JobSpec? Spec { get; init; }
}

public sealed record JobSpec
{
    public PodTemplateSpec? Template { get; init; }
}
