using System.Text.Json.Nodes;

namespace NodePools.Cli.Rendering;

/// <summary>Placement JSON in the compact forms Kubernetes users read: "gpu In [true]", "workload=high-resource:NoSchedule".</summary>
public static class PlacementText
{
    public static string Affinity(JsonNode? affinity)
    {
        if (affinity is null)
            return "-";
        var lines = new List<string>();
        var node = affinity["nodeAffinity"];
        foreach (var term in node?["requiredDuringSchedulingIgnoredDuringExecution"]?["nodeSelectorTerms"]?.AsArray() ?? [])
            lines.Add("required: " + Expressions(term));
        foreach (var preferred in node?["preferredDuringSchedulingIgnoredDuringExecution"]?.AsArray() ?? [])
            lines.Add($"preferred {preferred?["weight"]}: " + Expressions(preferred?["preference"]));
        if (affinity["podAntiAffinity"] is not null)
            lines.Add("one pod per node (hostname anti-affinity)");
        return lines.Count == 0 ? "-" : string.Join("\n", lines);
    }

    public static string Tolerations(JsonArray tolerations) =>
        tolerations.Count == 0
            ? "-"
            : string.Join("\n", tolerations.Select(t =>
            {
                var key = (string?)t?["key"] ?? "*";
                var value = (string?)t?["value"];
                var effect = (string?)t?["effect"] ?? "*";
                return (string?)t?["operator"] == "Exists" ? $"{key} exists:{effect}" : $"{key}={value}:{effect}";
            }));

    private static string Expressions(JsonNode? term) =>
        string.Join(" AND ", (term?["matchExpressions"]?.AsArray() ?? []).Select(e =>
        {
            var values = e?["values"]?.AsArray().Select(v => (string?)v) ?? [];
            return $"{e?["key"]} {e?["operator"]} [{string.Join(", ", values)}]".Replace(" []", "", StringComparison.Ordinal);
        }));
}
