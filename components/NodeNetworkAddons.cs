using NodePools.Placement.Deployment;
using Pulumi;
using Eks = Pulumi.Aws.Eks;
using Iam = Pulumi.Aws.Iam;

namespace NodePools.Components;

/// <summary>
/// The add-ons a node needs before it is Ready, as managed EKS add-ons created before any node group
/// (<see cref="ClusterAddonSettings"/>): the VPC CNI, with a role of its own assumed through the
/// cluster's OIDC provider by kube-system/aws-node, and kube-proxy.
/// </summary>
public sealed class NodeNetworkAddons : ComponentResource
{
    public NodeNetworkAddons(string name, NodeNetworkAddonsArgs args, ComponentResourceOptions? options = null)
        : base(ComponentTypes.NodeNetworkAddons, name, options)
    {
        var cni = ServiceAccountRole.Create(this, $"{name}-vpc-cni",
            Output.Tuple(args.OidcProviderArn, args.OidcProviderUrl).Apply(oidc =>
                ClusterAddonSettings.IrsaTrustPolicy(oidc.Item1, oidc.Item2, ClusterAddonSettings.CniNamespace, ClusterAddonSettings.CniServiceAccount)),
            "The VPC CNI (kube-system/aws-node), through IRSA", ClusterAddonSettings.CniPolicyArn);
        CniRole = cni.Role;

        var cniArgs = EksAddons.Args(args.ClusterName, ClusterAddonSettings.VpcCni, args.AddonVersions);
        cniArgs.ServiceAccountRoleArn = CniRole.Arn;
        VpcCni = new Eks.Addon($"{name}-vpc-cni", cniArgs, ChildOptions.After(this, [args.Cluster, cni.Attachment]));
        KubeProxy = new Eks.Addon($"{name}-kube-proxy", EksAddons.Args(args.ClusterName, ClusterAddonSettings.KubeProxy, args.AddonVersions),
            ChildOptions.After(this, [args.Cluster]));

        RegisterOutputs(new Dictionary<string, object?> { ["cniRoleArn"] = CniRole.Arn });
    }

    public Iam.Role CniRole { get; }
    public Eks.Addon VpcCni { get; }
    public Eks.Addon KubeProxy { get; }

    /// <summary>What every node group waits for.</summary>
    public IReadOnlyList<Resource> Addons => [VpcCni, KubeProxy];
}

public sealed class NodeNetworkAddonsArgs
{
    public required string ClusterName { get; init; }
    public required Resource Cluster { get; init; }
    public required Output<string> OidcProviderArn { get; init; }
    public required Output<string> OidcProviderUrl { get; init; }

    /// <summary>Each add-on's version for the cluster's minor (<see cref="EksAddons.VersionsAsync"/>); unpinned where absent.</summary>
    public IReadOnlyDictionary<string, string> AddonVersions { get; init; } = new Dictionary<string, string>();
}
