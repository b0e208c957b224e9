using System.Text.Json.Nodes;
using NodePools.Placement.Declaration;
using NodePools.Placement.Planning;

namespace NodePools.Placement.Reports;

/// <summary>
/// An intent as data, for programs that read `plan --output json` (the text form, "pool: services |
/// worker", stays beside it): <see cref="Kind"/> is <c>required</c> (it must land on one of the
/// required pools), <c>ranked</c> (weighted preferences for or against pools) or <c>none</c> (no pool
/// stated); each pool it names with how (required, preferred, avoided) and the weight of a ranking;
/// and the extra tolerations, as Kubernetes objects.
/// </summary>
public sealed record IntentReport(string Kind, IReadOnlyList<IntentPoolReport> Pools, JsonArray Tolerations)
{
    public static IntentReport From(IntentSpec intent) => new(
        intent.IsRequired ? "required" : intent.Prefer.Count > 0 || intent.Avoid.Count > 0 ? "ranked" : "none",
        [
            .. intent.Pools.Select(pool => new IntentPoolReport(pool, "required", null)),
            .. intent.Prefer.Select(p => new IntentPoolReport(p.Pool, "preferred", p.Weight)),
            .. intent.Avoid.Select(p => new IntentPoolReport(p.Pool, "avoided", p.Weight)),
        ],
        PlacementJson.Tolerations(intent.Tolerations));
}

/// <summary>A pool an intent names: required, preferred or avoided, with the weight of a preference.</summary>
public sealed record IntentPoolReport(string Pool, string Relation, int? Weight);
