using NodePools.Placement.Deployment;
using NodePools.Placement.Planning;

namespace NodePools.Components;

/// <summary>
/// What the program reads from the account before it declares any resource, and what the resources
/// are then built with: nothing here is read again once resources exist.
/// </summary>
public sealed record AccountFacts
{
    /// <summary>The zones a created VPC spans (<see cref="ZoneSelection"/>); empty for a declared network.</summary>
    public required IReadOnlyList<string> Zones { get; init; }

    /// <summary>The access entries to create, the cluster's creator left out (<see cref="AccessEntryPlan"/>).</summary>
    public required AccessEntryPlan Access { get; init; }

    /// <summary>Each managed EKS add-on's version for the cluster's minor (<see cref="EksAddons"/>).</summary>
    public IReadOnlyDictionary<string, string> AddonVersions { get; init; } = new Dictionary<string, string>();

    /// <summary>Reads the account for a plan, in the order a failure should stop the program: nothing is declared before this returns.</summary>
    /// <param name="warn">Where what does not stop the deployment is said (the engine's warnings).</param>
    public static async Task<AccountFacts> ReadAsync(StackPlan plan, Action<string> warn)
    {
        await AccountQuotas.CheckAsync(plan, warn).ConfigureAwait(false);
        var zones = await ZoneDiscovery.ZonesAsync(plan).ConfigureAwait(false);
        var creator = await ClusterCreator.FindAsync(plan.Declaration.Cluster.Name, warn).ConfigureAwait(false);
        var access = AccessEntryPlan.For(plan.Declaration.Cluster.Access, creator);
        foreach (var warning in access.Warnings)
            warn(warning);
        var addonVersions = await EksAddons.VersionsAsync(plan.Declaration.Cluster.Version).ConfigureAwait(false);
        return new AccountFacts { Zones = zones, Access = access, AddonVersions = addonVersions };
    }
}
