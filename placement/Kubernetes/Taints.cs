namespace NodePools.Placement.Kubernetes;

/// <summary>A node taint (core/v1 Taint).</summary>
public sealed record Taint
{
    public string Key { get; set; } = "";
    public string? Value { get; init; }
    public string Effect { get; set; } = "";

    /// <summary>kubectl's spelling: key=value:Effect, or key:Effect without a value.</summary>
    public override string ToString() => Format(Key, Value, Effect);

    public static string Format(string key, string? value, string effect) =>
        string.IsNullOrEmpty(value) ? $"{key}:{effect}" : $"{key}={value}:{effect}";
}

/// <summary>A pod toleration (core/v1 Toleration). An empty operator means Equal.</summary>
public sealed record Toleration
{
    public string? Key { get; init; }
    public string? Operator { get; init; }
    public string? Value { get; init; }
    public string? Effect { get; init; }

    /// <summary>Carried for NoExecute taints: how long the pod stays bound after the taint appears.</summary>
    public long? TolerationSeconds { get; init; }

    /// <summary>As written in a pod spec, in YAML's flow style: {key: k, operator: Equal, value: "v", effect: NoSchedule}; unset fields left out.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(Key))
            parts.Add($"key: {Key}");
        parts.Add($"operator: {(string.IsNullOrEmpty(Operator) ? TolerationOperators.Equal : Operator)}");
        if (Value is not null && Operator != TolerationOperators.Exists)
            parts.Add($"value: \"{Value}\"");
        if (!string.IsNullOrEmpty(Effect))
            parts.Add($"effect: {Effect}");
        return "{" + string.Join(", ", parts) + "}";
    }
}

/// <summary>Taint effects and toleration operators, spelled as the Kubernetes API spells them.</summary>
public static class TaintEffects
{
    public const string NoSchedule = "NoSchedule";
    public const string PreferNoSchedule = "PreferNoSchedule";
    public const string NoExecute = "NoExecute";

    public static readonly IReadOnlyList<string> All = [NoSchedule, PreferNoSchedule, NoExecute];
}

public static class TolerationOperators
{
    public const string Equal = "Equal";
    public const string Exists = "Exists";
}
