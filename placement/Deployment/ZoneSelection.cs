using NodePools.Placement.Declaration;
using NodePools.Placement.Facts;

namespace NodePools.Placement.Deployment;

/// <summary>An availability zone as the account sees it: names differ per account, IDs do not.</summary>
public sealed record AvailableZone(string Name, string Id);

/// <summary>The zones chosen, or why none can be.</summary>
public sealed record ZoneChoice(IReadOnlyList<string> Zones, IReadOnlyList<string> Problems)
{
    public bool Ok => Problems.Count == 0;
}

/// <summary>
/// Chooses the zones a created VPC spans: those the stack names, or the region's first available
/// ones; never a zone EKS refuses (by ID), and only zones where every pool's instance types are offered,
/// so no node group fails to launch in one of its subnets.
/// <para>
/// Once chosen, zones stay: the subnets are one resource per zone and the cluster and every node
/// group are created on them, so moving a zone replaces all of them (and fails on a protected pool).
/// Where the stack's subnets exist, their zones are the zones; a change that would move them — other
/// zones listed, another zone count, an instance type a current zone does not offer — is refused, with why.
/// </para>
/// </summary>
public static class ZoneSelection
{
    /// <summary>
    /// The zones, in the order of the address plan, of a VPC the stack already created, or of none yet.
    /// </summary>
    /// <param name="existing">The zones of the stack's private subnets, in the order of their address ranges; empty before the first deployment.</param>
    public static ZoneChoice Keep(ClusterSpec cluster, IReadOnlyList<PoolSpec> pools, IReadOnlyList<AvailableZone> available,
        IReadOnlyDictionary<string, IReadOnlySet<string>> offered, IReadOnlyList<string> existing)
    {
        if (existing.Count == 0)
            return Choose(cluster, pools, available, offered);

        var why = $"the stack's VPC spans {string.Join(", ", existing)}, and zones never move: moving one replaces its subnets, the cluster's "
                  + "and every node group's (a protected pool refuses it)";
        var problems = new List<string>();
        if (cluster.AvailabilityZones.Count > 0 && !cluster.AvailabilityZones.Order().SequenceEqual(existing.Order()))
            problems.Add($"availabilityZones lists {string.Join(", ", cluster.AvailabilityZones)}, and {why}; list {string.Join(", ", existing)} "
                         + "(or leave availabilityZones out), or deploy the other zones as a new stack");
        else if (cluster.AvailabilityZones.Count == 0 && cluster.ZoneCount != existing.Count)
            problems.Add($"zoneCount is {cluster.ZoneCount}, and {why}; set zoneCount: {existing.Count}");
        foreach (var zone in existing)
        {
            var missing = Missing(pools, offered, zone).ToList();
            if (missing.Count > 0)
                problems.Add($"availability zone {zone} does not offer {string.Join(", ", missing)}, and {why}: choose instance types offered in every one of them");
        }
        return new ZoneChoice(existing, problems);
    }

    private static IEnumerable<string> Missing(IReadOnlyList<PoolSpec> pools, IReadOnlyDictionary<string, IReadOnlySet<string>> offered, string zone) =>
        pools.SelectMany(pool => pool.InstanceTypes.Select(type => (Pool: pool.Name, Type: type)))
            .Where(t => !(offered.GetValueOrDefault(t.Type)?.Contains(zone) ?? false)).Select(t => $"{t.Type} (pool {t.Pool})").Distinct();

    /// <summary>Zone IDs EKS refuses for a cluster's subnets (UnsupportedAvailabilityZoneException).</summary>
    public static readonly IReadOnlyList<string> EksUnsupportedZoneIds = ["use1-az3", "usw1-az2", "cac1-az3"];

    /// <param name="available">The region's available zones, in the order AWS lists them.</param>
    /// <param name="offered">Per instance type, the zone names it is offered in.</param>
    public static ZoneChoice Choose(ClusterSpec cluster, IReadOnlyList<PoolSpec> pools, IReadOnlyList<AvailableZone> available,
        IReadOnlyDictionary<string, IReadOnlySet<string>> offered)
    {
        var excluded = EksUnsupportedZoneIds.Concat(cluster.ExcludeZoneIds).ToHashSet(StringComparer.Ordinal);
        IEnumerable<string> Missing(string zone) => ZoneSelection.Missing(pools, offered, zone);

        if (cluster.AvailabilityZones.Count > 0)
        {
            var problems = new List<string>();
            foreach (var zone in cluster.AvailabilityZones)
            {
                var found = available.FirstOrDefault(z => z.Name == zone);
                if (found is null)
                    problems.Add($"availability zone {zone} is not available to this account in the region (available: {string.Join(", ", available.Select(z => z.Name))})");
                else if (excluded.Contains(found.Id))
                    problems.Add($"availability zone {zone} is {found.Id} in this account, which "
                                 + (EksUnsupportedZoneIds.Contains(found.Id) ? "EKS does not support for cluster subnets" : "the stack excludes (excludeZoneIds)"));
                else if (Missing(zone).ToList() is { Count: > 0 } missing)
                    problems.Add($"availability zone {zone} does not offer {string.Join(", ", missing)}: choose another zone or instance type");
            }
            return new ZoneChoice(cluster.AvailabilityZones, problems);
        }

        var usable = available.Where(zone => !excluded.Contains(zone.Id)).ToList();
        var offering = usable.Where(zone => !Missing(zone.Name).Any()).Select(zone => zone.Name).Take(cluster.ZoneCount).ToList();
        if (offering.Count >= ClusterSpec.MinZones)
            return new ZoneChoice(offering, []);
        var shortfalls = usable.Select(zone => (zone.Name, Missing: Missing(zone.Name).ToList())).Where(z => z.Missing.Count > 0)
            .Select(z => $"{z.Name} lacks {string.Join(", ", z.Missing)}");
        return new ZoneChoice(offering,
        [
            $"only {offering.Count} of the region's usable zones offer every pool's instance types, and a cluster needs {ClusterSpec.MinZones}: "
            + string.Join("; ", shortfalls),
        ]);
    }
}
