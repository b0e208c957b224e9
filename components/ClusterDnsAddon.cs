using NodePools.Placement.Deployment;
using Pulumi;
using Eks = Pulumi.Aws.Eks;

namespace NodePools.Components;

/// <summary>
/// CoreDNS as a managed EKS add-on, created once the node groups of the pools it can run on exist
/// (<see cref="ClusterAddonSettings.CoreDnsPools"/>): EKS waits for the add-on to be healthy, which a
/// Deployment without nodes never is.
/// </summary>
public sealed class ClusterDnsAddon : ComponentResource
{
    public ClusterDnsAddon(string name, ClusterDnsAddonArgs args, ComponentResourceOptions? options = null)
        : base(ComponentTypes.ClusterDnsAddon, name, options)
    {
        var afterHosts = ChildOptions.After(this, args.HostNodeGroups);
        CoreDns = new Eks.Addon($"{name}-coredns", EksAddons.Args(args.ClusterName, ClusterAddonSettings.CoreDns, args.AddonVersions), afterHosts);
        RegisterOutputs(new Dictionary<string, object?> { ["addon"] = CoreDns.AddonName });
    }

    public Eks.Addon CoreDns { get; }
}

public sealed class ClusterDnsAddonArgs
{
    public required string ClusterName { get; init; }

    /// <summary>The node groups of the pools CoreDNS can run on.</summary>
    public required IReadOnlyList<Resource> HostNodeGroups { get; init; }

    /// <summary>Each add-on's version for the cluster's minor; unpinned where absent.</summary>
    public IReadOnlyDictionary<string, string> AddonVersions { get; init; } = new Dictionary<string, string>();
}
