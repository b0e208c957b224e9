namespace NodePools.Placement.Deployment;

/// <summary>
/// Whether EKS installs its own, unmanaged copies of the VPC CNI, kube-proxy and CoreDNS when it
/// creates the cluster (bootstrapSelfManagedAddons). The stack manages all three as EKS add-ons, so a
/// cluster it creates is created without them. The setting is fixed at creation — changing it
/// replaces the cluster — so a cluster created with them keeps the setting, and the cluster records
/// how it was created (<see cref="Tag"/>).
/// </summary>
public static class SelfManagedAddons
{
    public const string Tag = "node-pools/bootstrap-self-managed-addons";

    /// <summary>false for a cluster created now or created without them; null (as created) for one created with them.</summary>
    /// <param name="existingTags">The existing cluster's tags; null when the deployment creates the cluster.</param>
    public static bool? Bootstrap(IReadOnlyDictionary<string, string>? existingTags) =>
        existingTags is null || existingTags.GetValueOrDefault(Tag) == "false" ? false : null;
}
