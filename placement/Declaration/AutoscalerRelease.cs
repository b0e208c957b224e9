using System.Text.Json.Nodes;
using NodePools.Placement.Facts;
using NodePools.Placement.Scheduling;

namespace NodePools.Placement.Declaration;

/// <summary>
/// The Cluster Autoscaler as a release of the stack, declared for the user: deployed when any pool
/// may scale (min below max) unless the cluster says otherwise, placed on a pool like every other
/// release, rendered and checked with them. It discovers the node groups by the tags EKS puts on
/// their Auto Scaling groups, and reads a group's labels and taints from EKS to scale it up from zero.
/// </summary>
internal static class AutoscalerRelease
{
    /// <summary>Whether the autoscaler runs: as declared, otherwise when some pool may scale.</summary>
    public static bool Runs(ClusterSpec cluster, IReadOnlyList<PoolSpec> pools) =>
        cluster.Autoscaler.Enabled ?? pools.Any(pool => pool.Scaling.Min < pool.Scaling.Max);

    /// <summary>The pool it runs on when the cluster names none: the first without a blocking taint, or null.</summary>
    public static string? Home(IReadOnlyList<PoolSpec> pools) => pools.FirstOrDefault(p => !p.Taints.Any(TaintToleration.BlocksScheduling))?.Name;

    /// <summary>The release, read by the same parser as declared releases; null when it does not run or has no pool to run on.</summary>
    public static ReleaseSpec? Declare(ClusterSpec cluster, IReadOnlyList<PoolSpec> pools, ConfigCursor clusterAt, PoolIndex index,
        IReadOnlyCollection<string> declaredReleases)
    {
        if (!Runs(cluster, pools))
            return null;
        var at = clusterAt.Property("autoscaler");
        if (declaredReleases.Contains(AutoscalerSpec.ReleaseName))
        {
            at.Error($"a release named {AutoscalerSpec.ReleaseName} is declared, and the stack deploys the Cluster Autoscaler itself: rename yours, or set autoscaler: false to run only yours");
            return null;
        }
        var pool = cluster.Autoscaler.Pool ?? Home(pools);
        if (pool is null)
            return null; // no pool can host it: a finding about the stack (autoscaler-unhosted), reported with the others
        if (!index.Names.Contains(pool))
        {
            at.Property("pool").Error($"unknown pool \"{pool}\" (pools: {string.Join(", ", index.Names)})");
            return null;
        }

        var values = new JsonObject
        {
            ["autoDiscovery"] = new JsonObject { ["clusterName"] = cluster.Name },
            // Where the stack names no region, the program plans again with the provider's before deploying.
            ["awsRegion"] = cluster.Region ?? StackRegion.AtDeployment,
            // A fixed name: the Pod Identity association that gives it its role names it.
            ["rbac"] = new JsonObject { ["serviceAccount"] = new JsonObject { ["name"] = AutoscalerSpec.ServiceAccount } },
            // Pools span zones: keep their zones balanced, and pick the group that wastes least.
            ["extraArgs"] = new JsonObject { ["balance-similar-node-groups"] = true, ["expander"] = "least-waste" },
        };
        // The autoscaler supports only the Kubernetes minor it was built for: its image follows the
        // cluster's, so a version bump upgrades it with the control plane. An unknown minor keeps the chart's.
        if (KubernetesVersions.AutoscalerImageTags.TryGetValue(cluster.Version, out var tag))
            values["image"] = new JsonObject { ["tag"] = tag };

        var declaration = new JsonObject
        {
            ["chart"] = AutoscalerSpec.Chart,
            ["repository"] = AutoscalerSpec.Repository,
            ["version"] = cluster.Autoscaler.ChartVersion,
            ["namespace"] = AutoscalerSpec.Namespace,
            ["intent"] = new JsonObject { ["pool"] = pool },
            ["values"] = values,
            ["slots"] = new JsonArray(new JsonObject { ["path"] = "." }),
        };
        return ReleaseParser.Parse(AutoscalerSpec.ReleaseName, at.Over(declaration), index);
    }
}
