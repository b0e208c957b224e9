using NodePools.Placement.Kubernetes;
using NodePools.Placement.Scheduling;

namespace NodePools.Placement.Tests;

/// <summary>Terse builders so each table row reads like the spec: "gpu=true", "workload=gpu:NoSchedule".</summary>
internal static class K8s
{
    /// <summary>"a=1,b=2" → labels; "" → none.</summary>
    public static Dictionary<string, string> Labels(string pairs) =>
        pairs.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts.Length > 1 ? parts[1] : "", StringComparer.Ordinal);

    /// <summary>"key=value:Effect" or "key:Effect".</summary>
    public static Taint Taint(string text)
    {
        var colon = text.LastIndexOf(':');
        var keyValue = text[..colon].Split('=', 2);
        return new Taint { Key = keyValue[0], Value = keyValue.Length > 1 ? keyValue[1] : null, Effect = text[(colon + 1)..] };
    }

    public static Taint[] Taints(params string[] texts) => texts.Select(Taint).ToArray();

    public static Toleration Toleration(string? key = null, string? op = null, string? value = null, string? effect = null, long? seconds = null) =>
        new() { Key = key, Operator = op, Value = value, Effect = effect, TolerationSeconds = seconds };

    public static NodeSelectorRequirement Expr(string key, string op, params string[] values) =>
        new() { Key = key, Operator = op, Values = values.Length == 0 ? null : [.. values] };

    public static NodeSelectorTerm Term(params NodeSelectorRequirement[] expressions) => new() { MatchExpressions = [.. expressions] };

    public static NodeSelectorTerm FieldTerm(params NodeSelectorRequirement[] fields) => new() { MatchFields = [.. fields] };

    public static SchedulingNode Node(string name, string labels = "", params string[] taints) =>
        new(name, Labels(labels), Taints(taints));

    public static PodSpec Required(params NodeSelectorTerm[] terms) => new()
    {
        Affinity = new Affinity { NodeAffinity = new NodeAffinity { RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector { NodeSelectorTerms = [.. terms] } } },
    };

    public static PodSpec Preferred(params (int Weight, NodeSelectorTerm Term)[] terms) => new()
    {
        Affinity = new Affinity
        {
            NodeAffinity = new NodeAffinity
            {
                PreferredDuringSchedulingIgnoredDuringExecution = terms.Select(t => new PreferredSchedulingTerm { Weight = t.Weight, Preference = t.Term }).ToList(),
            },
        },
    };

    public static SchedulingPod Pod(PodSpec spec, string kind = "Pod", SchedulingOptions? options = null) =>
        SchedulingPod.From("pod", kind, spec, options ?? SchedulingOptions.Eks);

    public static PodSpec WithGpuRequest(this PodSpec spec, string resource = "nvidia.com/gpu", bool asLimit = false) => spec with
    {
        Containers =
        [
            new Container
            {
                Name = "main",
                Resources = asLimit
                    ? new ResourceRequirements { Limits = new() { [resource] = "1" } }
                    : new ResourceRequirements { Requests = new() { [resource] = "1" } },
            },
        ],
    };
}
