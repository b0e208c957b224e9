using System.Collections.Immutable;
using NodePools.Placement.Deployment;
using NodePools.Placement.Planning;
using Pulumi;

namespace NodePools.Components;

/// <summary>
/// Builds every resource of a plan: the cluster, the node role, one NodePool per pool, one
/// PlacedRelease per release, one PodTemplateConfigMap per standalone template, and the stack outputs.
/// </summary>
public sealed record StackResources(
    StackPlan Plan,
    ClusterComponent Cluster,
    IReadOnlyDictionary<string, NodePool> Pools,
    IReadOnlyList<PlacedRelease> Releases,
    IReadOnlyList<PodTemplateConfigMap> PodTemplates)
{
    public static StackResources Create(StackPlan plan)
    {
        var declaration = plan.Declaration;
        var cluster = new ClusterComponent(declaration.Cluster.Name, declaration.Cluster);
        var role = new NodeRole($"{declaration.Cluster.Name}-nodes");

        var pools = new Dictionary<string, NodePool>(StringComparer.Ordinal);
        foreach (var pool in plan.Pools)
        {
            var settings = NodeGroupSettings.For(pool, declaration.Cluster);
            pools[pool.Name] = new NodePool(pool.Name, new NodePoolArgs
            {
                Settings = settings,
                ClusterName = cluster.Name,
                NodeRoleArn = role.Role.Arn,
                SubnetIds = pool.Spec.SubnetIds.Count > 0 ? (InputList<string>)pool.Spec.SubnetIds.ToList() : (InputList<string>)cluster.SubnetIds,
                DependsOn = [cluster.EksCluster, .. role.Attachments],
            });
        }

        var releases = plan.Releases.ToDictionary(
            release => release.Name,
            release => new PlacedRelease(release.Name, new PlacedReleaseArgs
            {
                Plan = release,
                Provider = cluster.Provider,
                TargetNodeGroups = release.TargetPools.Select(pool => (Resource)pools[pool].NodeGroup).ToList(),
            }));

        var templates = plan.PodTemplates
            .Select(template =>
            {
                // A release installing into the same namespace creates it; otherwise the ConfigMap does.
                var installers = plan.Releases.Where(r => r.Spec.Namespace == template.Spec.Namespace).Select(r => (Resource)releases[r.Name].Release).ToList();
                return new PodTemplateConfigMap($"{template.Spec.Namespace}-{template.Spec.Name}", new PodTemplateConfigMapArgs
                {
                    Plan = template,
                    Provider = cluster.Provider,
                    CreateNamespace = installers.Count == 0,
                    DependsOn = [.. template.TargetPools.Select(pool => (Resource)pools[pool].NodeGroup), .. installers],
                });
            })
            .ToList();

        return new StackResources(plan, cluster, pools, plan.Releases.Select(r => releases[r.Name]).ToList(), templates);
    }

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
        ["placement"] = Plan.Slots.ToDictionary(
            slot => slot.Id,
            slot => (object?)slot.Feasible.Select(verdict => verdict.Pool).ToImmutableArray()),
    };
}
