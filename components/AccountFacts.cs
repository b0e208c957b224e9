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

    /// <summary>bootstrapSelfManagedAddons for the cluster (<see cref="SelfManagedAddons"/>): false, or null to keep how it was created.</summary>
    public bool? BootstrapSelfManagedAddons { get; init; } = false;

    /// <summary>The account the stack deploys to, and its cluster's ARN: what Pod Identity trust policies are conditioned on.</summary>
    public required string AccountId { get; init; }

    public required string ClusterArn { get; init; }

    /// <summary>Reads the account for a plan, in the order a failure should stop the program: nothing is declared before this returns.</summary>
    /// <param name="warn">Where what does not stop the deployment is said (the engine's warnings).</param>
    public static async Task<AccountFacts> ReadAsync(StackPlan plan, Action<string> warn)
    {
        await AccountQuotas.CheckAsync(plan, warn).ConfigureAwait(false);
        var zones = await ZoneDiscovery.ZonesAsync(plan).ConfigureAwait(false);
        var cluster = plan.Declaration.Cluster;
        var caller = await Caller.ReadAsync().ConfigureAwait(false);
        var existing = await ClusterCreator.FindAsync(cluster.Name, caller, warn).ConfigureAwait(false);
        var access = AccessEntryPlan.For(cluster.Access, existing.Creator);
        foreach (var warning in access.Warnings)
            warn(warning);
        var bootstrap = SelfManagedAddons.Bootstrap(existing.Tags);
        if (bootstrap is null)
            warn($"cluster {cluster.Name} was created with EKS's own copies of the VPC CNI, kube-proxy and CoreDNS (bootstrapSelfManagedAddons); "
                 + "the stack's managed add-ons took them over, and the setting stays: changing it would replace the cluster");
        var addonVersions = await EksAddons.VersionsAsync(cluster.Version).ConfigureAwait(false);
        var region = cluster.Region ?? (await Pulumi.Aws.GetRegion.InvokeAsync().ConfigureAwait(false)).Region;
        return new AccountFacts
        {
            Zones = zones,
            Access = access,
            AddonVersions = addonVersions,
            BootstrapSelfManagedAddons = bootstrap,
            ClusterArn = $"arn:{caller.Partition}:eks:{region}:{caller.AccountId}:cluster/{cluster.Name}",
            AccountId = caller.AccountId,
        };
    }
}
