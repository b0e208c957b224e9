namespace NodePools.Placement.Kubernetes;

/// <summary>core/v1 Affinity. Node affinity is evaluated; pod (anti-)affinity is carried through.</summary>
public sealed record Affinity
{
    public NodeAffinity? NodeAffinity { get; init; }
    public PodAffinity? PodAffinity { get; init; }
    public PodAffinity? PodAntiAffinity { get; init; }
}

public sealed record NodeAffinity
{
    public NodeSelector? RequiredDuringSchedulingIgnoredDuringExecution { get; init; }
    public List<PreferredSchedulingTerm>? PreferredDuringSchedulingIgnoredDuringExecution { get; init; }
}

/// <summary>Required node affinity: its terms are ORed.</summary>
public sealed record NodeSelector
{
    public List<NodeSelectorTerm>? NodeSelectorTerms { get; init; }
}

/// <summary>One term: its expressions (on labels) and fields (on metadata.name) are ANDed.</summary>
public sealed record NodeSelectorTerm
{
    public List<NodeSelectorRequirement>? MatchExpressions { get; init; }
    public List<NodeSelectorRequirement>? MatchFields { get; init; }
}

public sealed record NodeSelectorRequirement
{
    public string Key { get; set; } = "";
    public string Operator { get; set; } = "";
    public List<string>? Values { get; init; }
}

public sealed record PreferredSchedulingTerm
{
    public int Weight { get; init; }
    public NodeSelectorTerm Preference { get; set => field = value ?? new(); } = new();
}

/// <summary>Node selector operators, spelled as the Kubernetes API spells them.</summary>
public static class NodeSelectorOperators
{
    public const string In = "In";
    public const string NotIn = "NotIn";
    public const string Exists = "Exists";
    public const string DoesNotExist = "DoesNotExist";
    public const string Gt = "Gt";
    public const string Lt = "Lt";
}

/// <summary>Pod affinity and anti-affinity share one shape.</summary>
public sealed record PodAffinity
{
    public List<PodAffinityTerm>? RequiredDuringSchedulingIgnoredDuringExecution { get; init; }
    public List<WeightedPodAffinityTerm>? PreferredDuringSchedulingIgnoredDuringExecution { get; init; }
}

public sealed record PodAffinityTerm
{
    public LabelSelector? LabelSelector { get; init; }
    public List<string>? Namespaces { get; init; }
    public string TopologyKey { get; set; } = "";
}

public sealed record WeightedPodAffinityTerm
{
    public int Weight { get; init; }
    public PodAffinityTerm PodAffinityTerm { get; set => field = value ?? new(); } = new();
}

public sealed record LabelSelector
{
    public Dictionary<string, string>? MatchLabels { get; init; }
    public List<LabelSelectorRequirement>? MatchExpressions { get; init; }
}

public sealed record LabelSelectorRequirement
{
    public string Key { get; set; } = "";
    public string Operator { get; set; } = "";
    public List<string>? Values { get; init; }
}
