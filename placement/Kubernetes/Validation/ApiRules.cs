using NodePools.Placement.Kubernetes;

namespace NodePools.Placement.Kubernetes.Validation;

/// <summary>A field the API server would reject, and what the scheduler makes of it.</summary>
public sealed record ApiProblem(string RelativePath, string Message);

/// <summary>
/// The API server's validation of the scheduling fields of nodes and pods
/// (ValidateTaint, ValidateTolerations, label rules). A manifest that breaks one is still evaluated
/// the way the scheduler would; these become warnings that say so.
/// </summary>
public static class ApiRules
{
    public static IEnumerable<ApiProblem> CheckNode(Node node)
    {
        foreach (var (key, value) in node.Metadata.Labels ?? [])
        {
            var path = $".metadata.labels['{key}']";
            foreach (var message in NameRules.QualifiedName(key))
                yield return new ApiProblem(path, $"label key \"{key}\" {message}");
            foreach (var message in NameRules.LabelValue(value))
                yield return new ApiProblem(path, $"label value \"{value}\": {message}");
        }

        var taints = node.Spec?.Taints ?? [];
        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < taints.Count; i++)
        {
            var taint = taints[i];
            var path = $".spec.taints[{i}]";
            foreach (var message in NameRules.QualifiedName(taint.Key))
                yield return new ApiProblem(path + ".key", $"taint key \"{taint.Key}\" {message}");
            foreach (var message in NameRules.LabelValue(taint.Value ?? ""))
                yield return new ApiProblem(path + ".value", $"taint value \"{taint.Value}\": {message}");
            if (!TaintEffects.All.Contains(taint.Effect))
                yield return new ApiProblem(path + ".effect",
                    $"taint effect \"{taint.Effect}\" is not one of {string.Join(", ", TaintEffects.All)}: the scheduler ignores it");
            if (!seen.Add((taint.Key, taint.Effect)))
                yield return new ApiProblem(path, $"taint {taint.Key}:{taint.Effect} appears twice (the API server requires key and effect to be unique)");
        }
    }

    public static IEnumerable<ApiProblem> CheckPodSpec(PodSpec spec)
    {
        foreach (var (key, value) in spec.NodeSelector ?? [])
        {
            foreach (var message in NameRules.QualifiedName(key))
                yield return new ApiProblem($".nodeSelector['{key}']", $"key \"{key}\" {message}");
            foreach (var message in NameRules.LabelValue(value))
                yield return new ApiProblem($".nodeSelector['{key}']", $"value \"{value}\": {message}");
        }

        var tolerations = spec.Tolerations ?? [];
        for (var i = 0; i < tolerations.Count; i++)
        {
            foreach (var problem in TolerationProblems(tolerations[i]))
                yield return problem with { RelativePath = $".tolerations[{i}]{problem.RelativePath}" };
        }
    }

    // A cluster's pods share a handful of tolerations: each distinct one is checked once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Toleration, ApiProblem[]> Checked = new();

    private static ApiProblem[] TolerationProblems(Toleration toleration)
    {
        if (Checked.TryGetValue(toleration, out var problems))
            return problems;
        problems = [.. CheckToleration(toleration, "")];
        if (Checked.Count < 10_000)
            Checked.TryAdd(toleration, problems);
        return problems;
    }

    /// <summary>validation.ValidateTolerations, with what each mistake does at scheduling time.</summary>
    public static IEnumerable<ApiProblem> CheckToleration(Toleration toleration, string path)
    {
        var op = toleration.Operator ?? "";
        if (!string.IsNullOrEmpty(toleration.Key))
        {
            foreach (var message in NameRules.QualifiedName(toleration.Key))
                yield return new ApiProblem(path + ".key", $"key \"{toleration.Key}\" {message}");
        }
        else if (op != TolerationOperators.Exists)
        {
            yield return new ApiProblem(path + ".operator",
                "an empty key requires operator Exists (which tolerates every taint); as written it only tolerates taints whose value equals the toleration's");
        }

        switch (op)
        {
            case "" or TolerationOperators.Equal:
                break;
            case TolerationOperators.Exists when !string.IsNullOrEmpty(toleration.Value):
                yield return new ApiProblem(path + ".value",
                    $"operator Exists takes no value (found \"{toleration.Value}\"): remove the value; Exists matches any value of the key");
                break;
            case TolerationOperators.Exists:
                break;
            default:
                yield return new ApiProblem(path + ".operator",
                    $"operator \"{op}\" is not Equal or Exists: this toleration tolerates nothing");
                break;
        }

        if (!string.IsNullOrEmpty(toleration.Effect) && !TaintEffects.All.Contains(toleration.Effect))
            yield return new ApiProblem(path + ".effect",
                $"effect \"{toleration.Effect}\" is not one of {string.Join(", ", TaintEffects.All)} (or empty for all): this toleration tolerates nothing");
        if (toleration.TolerationSeconds is not null && toleration.Effect != TaintEffects.NoExecute)
            yield return new ApiProblem(path + ".tolerationSeconds",
                "tolerationSeconds only applies to effect NoExecute (the API server rejects it with any other effect)");
    }
}
