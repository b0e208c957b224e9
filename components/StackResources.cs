using System.Collections.Immutable;
using NodePools.Placement.Declaration;
using NodePools.Placement.Deployment;
using NodePools.Placement.Pipeline;
using NodePools.Placement.Planning;
using Pulumi;

namespace NodePools.Components;

/// <summary>
/// Builds every resource of a plan: the cluster, the node role, one NodePool per pool, one
/// PlacedRelease per release, one PodTemplateConfigMap per standalone template, and the stack outputs.
/// </summary>
public sealed record StackResources(
    StackAnalysis Analysis,
    ClusterComponent Cluster,
    NodeNetworkAddons NetworkAddons,
    ClusterDnsAddon Dns,
    IReadOnlyDictionary<string, NodePool> Pools,
    IReadOnlyList<PlacedRelease> Releases,
    IReadOnlyList<PodTemplateConfigMap> PodTemplates,
    ClusterNamespaces Namespaces)
{
    /// <param name="account">What the program read from the account first: zones, the cluster's creator.</param>
    /// <param name="workingDirectory">Where releases' post-renderers are written: the program's directory (the Kubernetes provider runs there too).</param>
    public static StackResources Create(StackAnalysis analysis, AccountFacts account, string? workingDirectory = null)
    {
        var plan = analysis.Plan;
        var declaration = plan.Declaration;
        var cluster = new ClusterComponent(declaration.Cluster.Name, declaration.Cluster, new ClusterComponentArgs
        {
            Zones = account.Zones, Creator = account.Access.Creator, BootstrapSelfManagedAddons = account.BootstrapSelfManagedAddons,
        });
        var role = new NodeRole($"{declaration.Cluster.Name}-nodes");
        _ = new ClusterAccess($"{declaration.Cluster.Name}-access", new ClusterAccessArgs
        {
            ClusterName = cluster.Name,
            Cluster = cluster.EksCluster,
            Plan = account.Access,
        });

        // Nodes become Ready only once the CNI runs on them: the node groups wait for these add-ons.
        var networkAddons = new NodeNetworkAddons($"{declaration.Cluster.Name}-addons", new NodeNetworkAddonsArgs
        {
            ClusterName = cluster.Name,
            Cluster = cluster.EksCluster,
            OidcProviderArn = cluster.EksCluster.OidcProviderArn,
            OidcProviderUrl = cluster.EksCluster.OidcProviderUrl,
            AddonVersions = account.AddonVersions,
        });

        var pools = new Dictionary<string, NodePool>(StringComparer.Ordinal);
        // Protected (stateful) pools after every other: a version bump then rolls them last.
        foreach (var pool in plan.Pools.OrderBy(pool => pool.Spec.Protect))
        {
            var settings = NodeGroupSettings.For(pool, declaration);
            pools[pool.Name] = new NodePool(pool.Name, new NodePoolArgs
            {
                Settings = settings,
                ClusterName = cluster.Name,
                NodeRoleArn = role.Role.Arn,
                SubnetIds = pool.Spec.SubnetIds.Count > 0 ? (InputList<string>)pool.Spec.SubnetIds.ToList() : (InputList<string>)cluster.SubnetIds,
                DependsOn =
                [
                    cluster.EksCluster, .. role.Attachments, .. networkAddons.Addons,
                    .. pool.Spec.Protect ? pools.Values.Where(other => !other.Protected).Select(other => (Resource)other.NodeGroup) : Enumerable.Empty<Resource>(),
                ],
            });
        }

        var dns = new ClusterDnsAddon($"{declaration.Cluster.Name}-dns", new ClusterDnsAddonArgs
        {
            ClusterName = cluster.Name,
            HostNodeGroups = ClusterAddonSettings.CoreDnsPools(plan).Select(pool => (Resource)pools[pool].NodeGroup).ToList(),
            AddonVersions = account.AddonVersions,
        });

        var trustPolicy = StorageSettings.PodIdentityTrustPolicy(account.AccountId, account.ClusterArn);

        // Volumes bind only with the EBS CSI driver and a default StorageClass: releases with claims wait for them.
        var storage = new ClusterStorage($"{declaration.Cluster.Name}-storage", new ClusterStorageArgs
        {
            ClusterName = cluster.Name,
            Provider = cluster.Provider,
            DependsOn = [cluster.EksCluster, .. pools.Values.Select(pool => (Resource)pool.NodeGroup)],
            AddonVersions = account.AddonVersions,
            ConfigurationValues = AddonPlacement.EbsCsiConfigurationValues(AddonPlacement.SystemPool(plan)),
            PodIdentityTrustPolicy = trustPolicy,
        });

        // The autoscaler's release waits for the role it runs with.
        var autoscaler = declaration.AutoscalerRuns
            ? new AutoscalerAccess($"{declaration.Cluster.Name}-autoscaler", new AutoscalerAccessArgs
            {
                ClusterName = cluster.Name, Cluster = cluster.EksCluster, PodIdentityTrustPolicy = trustPolicy,
            })
            : null;

        var namespaces = new ClusterNamespaces("namespaces",
            plan.Releases.Select(r => r.Spec.Namespace).Concat(plan.PodTemplates.Select(t => t.Spec.Namespace)), cluster.Provider);

        // Releases in dependency order (the declaration refuses cycles), each after those it names.
        var releases = new Dictionary<string, PlacedRelease>(StringComparer.Ordinal);
        foreach (var release in InstallOrder(plan.Releases))
        {
            releases[release.Name] = new PlacedRelease(release.Name, new PlacedReleaseArgs
            {
                Plan = release,
                Provider = cluster.Provider,
                TargetNodeGroups = release.TargetPools.Select(pool => (Resource)pools[pool].NodeGroup).ToList(),
                Namespace = namespaces.For(release.Spec.Namespace),
                AfterReleases =
                [
                    .. release.Spec.Install.DependsOn.Select(name => (Resource)releases[name].Release),
                    storage.StorageClass,
                    dns.CoreDns,
                    .. release.Name == AutoscalerSpec.ReleaseName && autoscaler is not null ? [autoscaler.Association] : Array.Empty<Resource>(),
                ],
                KubeVersion = declaration.Cluster.Version,
                PostRenderer = PostRenderer.For(release) is { } postRenderer
                    ? PostRendererFiles.Write(postRenderer, workingDirectory ?? Directory.GetCurrentDirectory())
                    : null,
            });
        }

        var templates = plan.PodTemplates
            .Select(template => new PodTemplateConfigMap($"{template.Spec.Namespace}-{template.Spec.Name}", new PodTemplateConfigMapArgs
            {
                Plan = template,
                Provider = cluster.Provider,
                DependsOn = [.. template.TargetPools.Select(pool => (Resource)pools[pool].NodeGroup), .. namespaces.For(template.Spec.Namespace) is { } ns ? [ns] : Array.Empty<Resource>()],
            }))
            .ToList();

        return new StackResources(analysis, cluster, networkAddons, dns, pools, plan.Releases.Select(r => releases[r.Name]).ToList(), templates, namespaces);
    }

    /// <summary>The releases ordered so each comes after those it depends on; otherwise in declaration order.</summary>
    public static IReadOnlyList<ReleasePlan> InstallOrder(IReadOnlyList<ReleasePlan> releases)
    {
        var ordered = new List<ReleasePlan>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        while (ordered.Count < releases.Count)
        {
            var next = releases.First(r => !placed.Contains(r.Name) && r.Spec.Install.DependsOn.All(placed.Contains));
            ordered.Add(next);
            placed.Add(next.Name);
        }
        return ordered;
    }

    public StackPlan Plan => Analysis.Plan;

    /// <summary>The stack outputs: cluster name, kubeconfig (secret), per pool its node group, labels and taints, and where each slot runs.</summary>
    public IDictionary<string, object?> Outputs() => new Dictionary<string, object?>
    {
        ["clusterName"] = Cluster.Name,
        ["kubeconfig"] = Cluster.Kubeconfig,
        ["pools"] = Pools.ToDictionary(
            pool => pool.Key,
            pool => (object?)new Dictionary<string, object?>
            {
                ["nodeGroupName"] = pool.Value.NodeGroupName,
                ["labels"] = pool.Value.Labels,
                ["taints"] = pool.Value.Taints,
            }),
        ["placement"] = Analysis.Slots.ToDictionary(
            slot => slot.Id,
            slot => (object?)slot.Feasible.Select(verdict => verdict.Pool).ToImmutableArray()),
    };
}
