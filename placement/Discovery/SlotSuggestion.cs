using System.Text.Json.Nodes;
using NodePools.Placement.Declaration;
using NodePools.Placement.Input;
using NodePools.Placement.Rendering;

namespace NodePools.Placement.Discovery;

/// <summary>A slot to declare: its path and style, how it must write placement, and the workloads it places.</summary>
public sealed record SuggestedSlot(PlacementTarget Target, bool NodeSelector, bool Affinity, bool DaemonSet, IReadOnlyList<string> Workloads);

/// <summary>The slots covering every workload a values path can place, and the workloads none can.</summary>
public sealed record SlotSuggestion(IReadOnlyList<SuggestedSlot> Slots, IReadOnlyList<string> Unreachable)
{
    /// <summary>
    /// What to acknowledge for the unreachable workloads: each by its id, but an operator's resource
    /// once, by name, where no values path reaches any workload made from it (a hard-coded KnativeServing).
    /// </summary>
    public IReadOnlyList<string> Acknowledge { get; init; } = Unreachable;

    /// <summary>
    /// Picks slots greedily: the path that places the most workloads not yet placed, then the one
    /// whose keys more of them read, then the shallower path (a global key before per-component ones).
    /// A path places a workload when the chart reads its tolerations there and its affinity or nodeSelector.
    /// Workloads the release's intent patches place need neither a slot nor an acknowledgement.
    /// </summary>
    public static SlotSuggestion From(Discovery discovery)
    {
        var deployed = discovery.Deployed.Select(w => w.Id).Where(id => !discovery.PlacedByPatches.Contains(id)).ToList();
        var daemonSets = discovery.Deployed.Where(w => w.IsDaemonSet).Select(w => w.Id).ToHashSet(StringComparer.Ordinal);
        var open = deployed.ToHashSet(StringComparer.Ordinal);
        var slots = new List<SuggestedSlot>();
        while (true)
        {
            var best = discovery.Paths
                .Select(path => (Path: path, Places: path.Workloads.Where(pair => open.Contains(pair.Key) && Places(pair.Value)).ToList()))
                .Where(candidate => candidate.Places.Count > 0)
                .OrderByDescending(candidate => candidate.Places.Count)
                .ThenByDescending(candidate => candidate.Places.Count(pair => pair.Value.Contains(PlacementKey.Affinity)))
                .ThenBy(candidate => candidate.Path.Target.Path.Count(c => c == '.'))
                .ThenBy(candidate => candidate.Path.Target.Path, StringComparer.Ordinal)
                .FirstOrDefault();
            if (best.Path is null)
                break;
            var ids = best.Places.Select(pair => pair.Key).Order(StringComparer.Ordinal).ToList();
            var readAffinity = best.Places.Count(pair => pair.Value.Contains(PlacementKey.Affinity));
            slots.Add(new SuggestedSlot(
                best.Path.Target,
                NodeSelector: readAffinity < best.Places.Count,
                Affinity: readAffinity > 0,
                DaemonSet: ids.Any(daemonSets.Contains),
                ids));
            open.ExceptWith(ids);
        }
        var unreachable = deployed.Where(open.Contains).ToList();
        return new SlotSuggestion(slots, unreachable) { Acknowledge = ByResource(discovery, unreachable) };
    }

    private static List<string> ByResource(Discovery discovery, List<string> unreachable)
    {
        var open = unreachable.ToHashSet(StringComparer.Ordinal);
        var wholly = discovery.Deployed.Where(w => w.From is not null).GroupBy(w => w.From!)
            .Where(group => group.All(w => open.Contains(w.Id)))
            .ToDictionary(group => group.Key, group => group.Select(w => w.Id).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        return unreachable
            .Select(id => wholly.FirstOrDefault(pair => pair.Value.Contains(id)).Key ?? id)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private static bool Places(IReadOnlyList<PlacementKey> keys) =>
        keys.Contains(PlacementKey.Tolerations) && (keys.Contains(PlacementKey.Affinity) || keys.Contains(PlacementKey.NodeSelector));

    /// <summary>The slots and acknowledgements as YAML to paste under the release.</summary>
    public string Yaml(ReleaseSpec release)
    {
        var root = new JsonObject();
        var slots = new JsonArray();
        foreach (var slot in Slots)
        {
            var entry = new JsonObject { ["path"] = slot.Target.Path.Length == 0 ? "." : slot.Target.Path };
            if (slot.Target.Descriptor != SlotStyles.Default)
                entry["style"] = slot.Target.Descriptor.Name;
            if (release.Slots.FirstOrDefault(s => s.Path == slot.Target.Path) is { } declared && !declared.Intent.Equals(release.Intent))
                entry["intent"] = Intent(declared.Intent);
            if (slot.DaemonSet)
                entry["daemonSet"] = true;
            if (slot.NodeSelector)
                entry["nodeSelector"] = true;
            if (!slot.Affinity)
                entry["affinity"] = false;
            slots.Add((JsonNode)entry);
        }
        root["slots"] = slots;
        if (Acknowledge.Count > 0)
        {
            root["acknowledge"] = new JsonArray(Acknowledge.Select(id => (JsonNode)new JsonObject
            {
                ["workload"] = id,
                ["pool"] = release.Acknowledgements.FirstOrDefault(a => a.Workload == id) is { } known ? string.Join(",", known.Pools) : "POOL",
                ["reason"] = "no values path of the chart reaches it",
            }).ToArray());
        }
        return YamlText.From(root);
    }

    private static JsonObject Intent(IntentSpec intent)
    {
        var obj = new JsonObject();
        if (intent.Pools.Count == 1)
            obj["pool"] = intent.Pools[0];
        else if (intent.Pools.Count > 1)
            obj["pool"] = new JsonArray(intent.Pools.Select(p => (JsonNode)JsonValue.Create(p)).ToArray());
        if (intent.Prefer.Count > 0)
            obj["prefer"] = new JsonArray(intent.Prefer.Select(p => (JsonNode)new JsonObject { ["pool"] = p.Pool, ["weight"] = p.Weight }).ToArray());
        if (intent.Avoid.Count > 0)
            obj["avoid"] = new JsonArray(intent.Avoid.Select(p => (JsonNode)new JsonObject { ["pool"] = p.Pool, ["weight"] = p.Weight }).ToArray());
        return obj;
    }
}
