using System.Collections.Immutable;
using NodePools.Placement.Declaration;
using NodePools.Placement.Deployment;
using Pulumi;

namespace NodePools.Components;

/// <summary>
/// The EKS cluster (Pulumi.Eks, no default node group, API authentication mode, an OIDC provider for
/// IRSA) on the declared network or a created VPC with private node subnets, its public endpoint
/// limited to the declared CIDRs, deletion-protected when the stack says so, and a Kubernetes
/// provider built from its kubeconfig.
/// </summary>
public sealed class ClusterComponent : ComponentResource
{
    /// <param name="zones">The zones a created VPC spans (<see cref="ZoneSelection"/>); unused with a declared network.</param>
    /// <param name="creator">The principal that creates (or created) the cluster, recorded on it (<see cref="AccessEntryPlan.CreatorTag"/>).</param>
    public ClusterComponent(string name, ClusterSpec spec, IReadOnlyList<string> zones, string creator, ComponentResourceOptions? options = null)
        : base(ComponentTypes.Cluster, name, options)
    {
        Name = spec.Name;
        var args = new Pulumi.Eks.ClusterArgs();
        if (spec.Network is { } network)
        {
            args.VpcId = network.VpcId;
            args.SubnetIds = network.SubnetIds.ToList();
            SubnetIds = Output.Create(network.SubnetIds.ToImmutableArray());
        }
        else
        {
            Network = new Network($"{name}-network", NetworkLayout.For(spec, zones), spec.Tags, new ComponentResourceOptions { Parent = this });
            args.VpcId = Network.VpcId;
            args.PublicSubnetIds = Network.PublicSubnetIds;
            args.PrivateSubnetIds = Network.PrivateSubnetIds;
            SubnetIds = Network.PrivateSubnetIds;
        }

        var tags = new InputMap<string>();
        foreach (var (key, value) in spec.Tags)
            tags.Add(key, value);

        args.Name = spec.Name;
        args.Version = spec.Version;
        args.SkipDefaultNodeGroup = true;
        args.AuthenticationMode = Pulumi.Eks.AuthenticationMode.Api;
        args.CreateOidcProvider = true;
        args.EndpointPublicAccess = spec.PublicEndpoint;
        args.EndpointPrivateAccess = true; // nodes reach the API inside the VPC
        if (spec.PublicEndpoint && spec.PublicAccessCidrs.Count > 0)
            args.PublicAccessCidrs = spec.PublicAccessCidrs.ToList();
        args.DeletionProtection = spec.Protect;
        args.Tags = tags;
        // EKS gives the creator an access entry of its own: the next deployments, whoever runs them, leave it out too.
        args.ClusterTags = new InputMap<string> { { AccessEntryPlan.CreatorTag, creator } };
        // The stack manages the VPC CNI, kube-proxy and CoreDNS as EKS add-ons itself, each in its
        // place in the order (NodeNetworkAddons before the node groups, ClusterDnsAddon after).
        args.UseDefaultVpcCni = true;
        args.KubeProxyAddonOptions = new Pulumi.Eks.Inputs.KubeProxyAddonOptionsArgs { Enabled = false };
        args.CorednsAddonOptions = new Pulumi.Eks.Inputs.CoreDnsAddonOptionsArgs { Enabled = false };
        // Protected, the cluster and everything the component creates survive a `pulumi destroy`.
        EksCluster = new Pulumi.Eks.Cluster(name, args, new ComponentResourceOptions { Parent = this, Protect = spec.Protect });

        Kubeconfig = Output.CreateSecret(EksCluster.KubeconfigJson);
        Provider = new Pulumi.Kubernetes.Provider($"{name}-kubernetes", new Pulumi.Kubernetes.ProviderArgs
        {
            KubeConfig = Kubeconfig,
        }, new CustomResourceOptions { Parent = this });

        RegisterOutputs(new Dictionary<string, object?>
        {
            ["clusterName"] = Name,
            ["kubeconfig"] = Kubeconfig,
        });
    }

    /// <summary>The EKS cluster's name, as declared (the node groups join it by name).</summary>
    public string Name { get; }

    public Pulumi.Eks.Cluster EksCluster { get; }

    /// <summary>The created VPC, or null on a declared network.</summary>
    public Network? Network { get; }

    /// <summary>Subnets the node groups launch into: the private ones of a created VPC, or the declared ones.</summary>
    public Output<ImmutableArray<string>> SubnetIds { get; }

    /// <summary>The kubeconfig, as a secret.</summary>
    public Output<string> Kubeconfig { get; }

    /// <summary>The Kubernetes provider every release and ConfigMap uses.</summary>
    public Pulumi.Kubernetes.Provider Provider { get; }
}
