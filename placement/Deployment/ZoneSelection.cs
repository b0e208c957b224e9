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
/// </summary>
public static class ZoneSelection
{
    /// <summary>Zone IDs EKS refuses for a cluster's subnets (UnsupportedAvailabilityZoneException).</summary>
    public static readonly IReadOnlyList<string> EksUnsupportedZoneIds = ["use1-az3", "usw1-az2", "cac1-az3"];

    /// <param name="available">The region's available zones, in the order AWS lists them.</param>
    /// <param name="offered">Per instance type, the zone names it is offered in.</param>
    public static ZoneChoice Choose(ClusterSpec cluster, IReadOnlyList<PoolSpec> pools, IReadOnlyList<AvailableZone> available,
        IReadOnlyDictionary<string, IReadOnlySet<string>> offered)
    {
        var excluded = EksUnsupportedZoneIds.Concat(cluster.ExcludeZoneIds).ToHashSet(StringComparer.Ordinal);
        var types = pools.SelectMany(pool => pool.InstanceTypes.Select(type => (Pool: pool.Name, Type: type))).ToList();
        IEnumerable<string> Missing(string zone) =>
            types.Where(t => !(offered.GetValueOrDefault(t.Type)?.Contains(zone) ?? false)).Select(t => $"{t.Type} (pool {t.Pool})").Distinct();

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
