using NodePools.Placement.Declaration;
using NodePools.Placement.Kubernetes;

namespace NodePools.Placement.Planning;

/// <summary>
/// Derives a slot's placement from its intent and the pools' labels and taints:
/// <list type="bullet">
/// <item>pool: X → required affinity on X's labels, tolerations for exactly X's taints;</item>
/// <item>prefer: X → preferred affinity on X's labels with the weight, tolerations for X's taints;</item>
/// <item>avoid: X → preferred NotIn on X's labels, tolerations for X's PreferNoSchedule taints only;</item>
/// </list>
/// then the intent's extra tolerations, and pod anti-affinity on the hostname when the slot spreads.
/// Output is deterministic: labels sorted by key, tolerations in pool-then-declaration order.
/// </summary>
public static class PlacementDeriver
{
    public static DerivedPlacement Derive(SlotSpec slot, IReadOnlyList<PoolSpec> pools)
    {
        var placement = Derive(slot.Intent, pools, slot.NodeSelector, slot.SpreadAcrossNodes ? slot.PodLabels : null);
        return slot.Affinity ? placement : placement with { Affinity = null };
    }

    public static DerivedPlacement Derive(IntentSpec intent, IReadOnlyList<PoolSpec> pools, bool nodeSelector = false,
        IReadOnlyDictionary<string, string>? spreadPodLabels = null)
    {
        PoolSpec Pool(string name) => pools.First(pool => pool.Name == name);

        NodeSelector? required = null;
        IReadOnlyDictionary<string, string>? selector = null;
        var preferred = new List<PreferredSchedulingTerm>();
        var tolerations = new List<Toleration>();

        if (intent.IsRequired)
        {
            // One term per pool: terms are ORed, so the pod may land on any of them and nowhere else.
            var requiredPools = intent.Pools.Select(Pool).ToList();
            required = new NodeSelector { NodeSelectorTerms = requiredPools.Select(IdentityTerm).ToList() };
            // A nodeSelector cannot say "either": with several pools it carries only the labels they share.
            selector = nodeSelector ? SharedLabels(requiredPools) : null;
            tolerations.AddRange(requiredPools.SelectMany(pool => pool.Taints).Select(Tolerating));
        }
        foreach (var (name, weight) in intent.Prefer)
        {
            var pool = Pool(name);
            preferred.Add(new PreferredSchedulingTerm { Weight = weight, Preference = IdentityTerm(pool) });
            tolerations.AddRange(pool.Taints.Select(Tolerating));
        }
        foreach (var (name, weight) in intent.Avoid)
        {
            var pool = Pool(name);
            // One term per label: a node of the avoided pool matches none of them, any other node matches some.
            preferred.AddRange(SortedLabels(pool).Select(label => new PreferredSchedulingTerm
            {
                Weight = weight,
                Preference = new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement { Key = label.Key, Operator = NodeSelectorOperators.NotIn, Values = [label.Value] }] },
            }));
            tolerations.AddRange(pool.Taints.Where(taint => taint.Effect == TaintEffects.PreferNoSchedule).Select(Tolerating));
        }
        tolerations.AddRange(intent.Tolerations);

        var nodeAffinity = required is null && preferred.Count == 0
            ? null
            : new NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = required,
                PreferredDuringSchedulingIgnoredDuringExecution = preferred.Count == 0 ? null : preferred,
            };
        var antiAffinity = spreadPodLabels is { Count: > 0 } ? HostnameSpread(spreadPodLabels) : null;
        var affinity = nodeAffinity is null && antiAffinity is null ? null : new Affinity { NodeAffinity = nodeAffinity, PodAntiAffinity = antiAffinity };
        return new DerivedPlacement(affinity, Distinct(tolerations), selector);
    }

    /// <summary>The toleration that admits exactly this taint: Equal on its value, or Exists when it has none.</summary>
    public static Toleration Tolerating(Taint taint) => string.IsNullOrEmpty(taint.Value)
        ? new Toleration { Key = taint.Key, Operator = TolerationOperators.Exists, Effect = taint.Effect }
        : new Toleration { Key = taint.Key, Operator = TolerationOperators.Equal, Value = taint.Value, Effect = taint.Effect };

    private static NodeSelectorTerm IdentityTerm(PoolSpec pool) => new()
    {
        MatchExpressions = SortedLabels(pool)
            .Select(label => new NodeSelectorRequirement { Key = label.Key, Operator = NodeSelectorOperators.In, Values = [label.Value] })
            .ToList(),
    };

    private static SortedDictionary<string, string>? SharedLabels(IReadOnlyList<PoolSpec> pools)
    {
        var shared = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pools[0].Labels)
        {
            if (pools.All(pool => pool.Labels.TryGetValue(key, out var other) && other == value))
                shared[key] = value;
        }
        return shared.Count == 0 ? null : shared;
    }

    private static IEnumerable<KeyValuePair<string, string>> SortedLabels(PoolSpec pool) =>
        pool.Labels.OrderBy(label => label.Key, StringComparer.Ordinal);

    private static PodAffinity HostnameSpread(IReadOnlyDictionary<string, string> podLabels) => new()
    {
        RequiredDuringSchedulingIgnoredDuringExecution =
        [
            new PodAffinityTerm
            {
                TopologyKey = WellKnownLabels.Hostname,
                LabelSelector = new LabelSelector { MatchLabels = new Dictionary<string, string>(podLabels.OrderBy(l => l.Key, StringComparer.Ordinal)) },
            },
        ],
    };

    private static List<Toleration> Distinct(List<Toleration> tolerations) =>
        tolerations.Distinct().ToList();
}
