namespace NodePools.Placement.Kubernetes;

/// <summary>A core/v1 PodSpec: the fields that decide which nodes a pod may run on.</summary>
public record PodSpec
{
    public string? NodeName { get; init; }
    public Dictionary<string, string>? NodeSelector { get; init; }
    public Affinity? Affinity { get; init; }
    public List<Toleration>? Tolerations { get; init; }
    public List<Container>? Containers { get; init; }
    public List<Container>? InitContainers { get; init; }
    public bool HostNetwork { get; init; }

    /// <summary>Resources the pod's sandbox uses on top of its containers (RuntimeClass overhead).</summary>
    public Dictionary<string, string>? Overhead { get; init; }
}

public sealed record Container
{
    public string? Name { get; init; }
    public ResourceRequirements? Resources { get; init; }
}

/// <summary>Resource quantities are kept as written ("500m", "1Gi", "1").</summary>
public sealed record ResourceRequirements
{
    public Dictionary<string, string>? Requests { get; init; }
    public Dictionary<string, string>? Limits { get; init; }
}

/// <summary>A pod template (metadata + spec), as workloads embed it.</summary>
public sealed record PodTemplateSpec
{
    public ObjectMeta? Metadata { get; init; }
    public PodSpec? Spec { get; init; }
}
