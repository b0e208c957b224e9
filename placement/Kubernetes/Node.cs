namespace NodePools.Placement.Kubernetes;

/// <summary>A core/v1 Node: only the fields scheduling reads.</summary>
public sealed record Node
{
    public string? ApiVersion { get; init; }
    public string? Kind { get; init; }
    // Settable, not init: the source-generated reader passes default (null) for a missing init-only
    // property, which would undo the initializer. A null reads as an empty object, as Go decodes it.
    public ObjectMeta Metadata { get; set => field = value ?? new(); } = new();
    public NodeSpec? Spec { get; init; }
    public NodeStatus? Status { get; init; }
}

/// <summary>What the node offers pods; only read when present (a node template may leave it out).</summary>
public sealed record NodeStatus
{
    public Dictionary<string, string>? Allocatable { get; init; }
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
