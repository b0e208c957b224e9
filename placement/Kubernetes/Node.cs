namespace NodePools.Placement.Kubernetes;

/// <summary>A core/v1 Node: only the fields scheduling reads.</summary>
public sealed record Node
{
    public string? ApiVersion { get; init; }
    public string? Kind { get; init; }
    // A null in the manifest reads as an empty object, as Go decodes it into a struct value.
    public ObjectMeta Metadata { get; init => field = value ?? new(); } = new();
    public NodeSpec? Spec { get; init; }
}

public sealed record NodeSpec
{
    public bool Unschedulable { get; init; }
    public List<Taint>? Taints { get; init; }
}

public sealed record ObjectMeta
{
    public string? Name { get; init; }
    public string? Namespace { get; init; }
    public Dictionary<string, string>? Labels { get; init; }
}
