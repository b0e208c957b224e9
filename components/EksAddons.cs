using NodePools.Placement.Deployment;
using Pulumi;
using Aws = Pulumi.Aws;
using Eks = Pulumi.Aws.Eks;

namespace NodePools.Components;

/// <summary>
/// The EKS add-ons' versions for the cluster's minor, read once before any resource is declared, and
/// the arguments every managed add-on shares: its pinned version and how conflicts resolve.
/// </summary>
public static class EksAddons
{
    /// <summary>The version EKS marks default for the minor, per add-on (<see cref="ClusterAddonSettings.Managed"/>).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> VersionsAsync(string kubernetesVersion)
    {
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var addon in ClusterAddonSettings.Managed)
        {
            var found = await Aws.Eks.GetAddonVersion.InvokeAsync(new Aws.Eks.GetAddonVersionArgs
            {
                AddonName = addon,
                KubernetesVersion = kubernetesVersion,
                // The default, not the newest: what EKS tested for the minor, and what it installs itself.
                MostRecent = false,
            }).ConfigureAwait(false);
            versions[addon] = found.Version;
        }
        return versions;
    }

    /// <summary>An add-on pinned to its version (when known) that overwrites conflicting fields on create and update.</summary>
    public static Eks.AddonArgs Args(Input<string> clusterName, string addon, IReadOnlyDictionary<string, string> versions)
    {
        var args = new Eks.AddonArgs
        {
            ClusterName = clusterName,
            AddonName = addon,
            ResolveConflictsOnCreate = ClusterAddonSettings.ResolveConflictsOnCreate,
            ResolveConflictsOnUpdate = ClusterAddonSettings.ResolveConflictsOnUpdate,
        };
        if (versions.TryGetValue(addon, out var version))
            args.AddonVersion = version;
        return args;
    }
}
