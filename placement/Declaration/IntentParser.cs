using NodePools.Placement.Kubernetes;
using NodePools.Placement.Manifests;
using NodePools.Placement.Kubernetes.Validation;

namespace NodePools.Placement.Declaration;

/// <summary>Reads an intent: pool (required: one pool or a list of them), prefer and avoid (ranked), extra tolerations.</summary>
internal static class IntentParser
{
    public const int DefaultWeight = 50;

    public static IntentSpec Parse(ConfigCursor at, IReadOnlyCollection<string> pools, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> poolLabels)
    {
        if (!at.ExpectMapping("pool", "prefer", "avoid", "tolerations"))
            return new IntentSpec();

        var required = RequiredPools(at.Property("pool"));
        var prefer = Weighted(at.Property("prefer"));
        var avoid = Weighted(at.Property("avoid"));
        var tolerations = Tolerations(at.Property("tolerations"));

        if (required.Count > 0 && (prefer.Count > 0 || avoid.Count > 0))
            at.Error("pool is a hard requirement: prefer and avoid cannot rank other pools beside it (drop them, or use prefer instead of pool)");
        foreach (var both in prefer.Select(p => p.Pool).Intersect(avoid.Select(a => a.Pool)))
            at.Error($"pool \"{both}\" is both preferred and avoided");

        var intent = new IntentSpec { Pools = required, Prefer = prefer, Avoid = avoid, Tolerations = tolerations };
        foreach (var named in intent.NamedPools.Distinct())
        {
            var where = required.Contains(named) ? at.Property("pool") : prefer.Any(p => p.Pool == named) ? at.Property("prefer") : at.Property("avoid");
            if (!pools.Contains(named))
                where.Error($"unknown pool \"{named}\" (pools: {string.Join(", ", pools)})");
            else if (poolLabels.TryGetValue(named, out var labels) && labels.Count == 0)
                where.Error($"pool \"{named}\" has no labels, so no affinity can select it: give it an identity label, e.g. {named}: \"true\"");
        }
        return intent;
    }

    /// <summary>"gpu" or ["services", "worker"]: the pod must land on one of them.</summary>
    public static IReadOnlyList<string> RequiredPools(ConfigCursor at)
    {
        if (!at.Exists)
            return [];
        if (at.Node is System.Text.Json.Nodes.JsonArray)
        {
            var names = at.Items().Select(item => item.String(required: true)).OfType<string>().ToList();
            if (names.Count == 0)
                at.Error("pool: [] names no pool: name at least one, or leave pool out");
            foreach (var twice in names.GroupBy(n => n).Where(g => g.Count() > 1))
                at.Error($"pool \"{twice.Key}\" is named twice");
            return names.Distinct().ToList();
        }
        return at.String() is { } single ? [single] : [];
    }

    /// <summary>"gpu", ["a", "b"], {pool: a, weight: 80} or a list of those.</summary>
    private static IReadOnlyList<WeightedPool> Weighted(ConfigCursor at)
    {
        if (!at.Exists)
            return [];
        if (at.Node is System.Text.Json.Nodes.JsonValue)
            return at.String() is { } single ? [new WeightedPool(single, DefaultWeight)] : [];
        if (at.Node is System.Text.Json.Nodes.JsonObject)
            return One(at) is { } one ? [one] : [];
        return at.Items().Select(item => item.Node is System.Text.Json.Nodes.JsonObject ? One(item) : item.String(required: true) is { } name ? new WeightedPool(name, DefaultWeight) : null)
            .OfType<WeightedPool>().ToList();
    }

    private static WeightedPool? One(ConfigCursor at)
    {
        if (!at.ExpectMapping("pool", "weight"))
            return null;
        var pool = at.Property("pool").String(required: true);
        var weight = at.Property("weight").Int(1, 100) ?? DefaultWeight;
        return pool is null ? null : new WeightedPool(pool, weight);
    }

    /// <summary>Extra tolerations, held to the API server's rules (an Exists toleration takes no value).</summary>
    public static IReadOnlyList<Toleration> Tolerations(ConfigCursor at)
    {
        var tolerations = new List<Toleration>();
        foreach (var item in at.Items())
        {
            if (!item.ExpectMapping("key", "operator", "value", "effect", "tolerationSeconds"))
                continue;
            var toleration = new Toleration
            {
                Key = item.Property("key").String(),
                Operator = item.Property("operator").String() ?? TolerationOperators.Equal,
                Value = item.Property("value").String(),
                Effect = item.Property("effect").String(),
                TolerationSeconds = item.Property("tolerationSeconds").Int(0, int.MaxValue),
            };
            foreach (var problem in ApiRules.CheckToleration(toleration, ""))
                item.Property(problem.RelativePath.TrimStart('.')).Error(Reword(problem.Message, toleration));
            tolerations.Add(toleration);
        }
        return tolerations;
    }

    private static string Reword(string message, Toleration toleration) =>
        toleration.Operator == TolerationOperators.Exists && !string.IsNullOrEmpty(toleration.Value)
            ? $"operator Exists takes no value (found \"{toleration.Value}\"). Fix: remove the value to tolerate any value of {toleration.Key}, "
              + $"or use operator: Equal with value: \"{toleration.Value}\""
            : message;
}
