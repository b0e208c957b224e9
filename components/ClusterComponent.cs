using System.Collections.Immutable;
using NodePools.Placement.Declaration;
using NodePools.Placement.Deployment;
using Pulumi;

namespace NodePools.Components;

/// <summary>
/// The EKS cluster (Pulumi.Eks, no default node group, API authentication mode, an OIDC provider for
/// IRSA) on the declared network or a minimal VPC, and a Kubernetes provider built from its kubeconfig.
/// </summary>
public sealed class ClusterComponent : ComponentResource
{
    public ClusterComponent(string name, ClusterSpec spec, ComponentResourceOptions? options = null)
        : base(ComponentTypes.Cluster, name, options)
    {
        Name = spec.Name;
        Output<string> vpcId;
        Output<ImmutableArray<string>> subnetIds;
        if (spec.Network is { } network)
        {
            vpcId = Output.Create(network.VpcId);
            subnetIds = Output.Create(network.SubnetIds.ToImmutableArray());
        }
        else
        {
            var created = new Network($"{name}-network", NetworkLayout.For(spec), spec.Tags, new ComponentResourceOptions { Parent = this });
            vpcId = created.VpcId;
            subnetIds = created.SubnetIds;
        }
        SubnetIds = subnetIds;

        var tags = new InputMap<string>();
        foreach (var (key, value) in spec.Tags)
            tags.Add(key, value);

        EksCluster = new Pulumi.Eks.Cluster(name, new Pulumi.Eks.ClusterArgs
        {
            Name = spec.Name,
            Version = spec.Version,
            VpcId = vpcId,
            SubnetIds = subnetIds,
            SkipDefaultNodeGroup = true,
            AuthenticationMode = Pulumi.Eks.AuthenticationMode.Api,
            CreateOidcProvider = true,
            EndpointPublicAccess = spec.PublicEndpoint,
            EndpointPrivateAccess = true,
            Tags = tags,
            // The stack manages the VPC CNI, kube-proxy and CoreDNS as EKS add-ons itself, each in
            // its place in the order (NodeNetworkAddons before the node groups, ClusterDnsAddon after).
            UseDefaultVpcCni = true,
            KubeProxyAddonOptions = new Pulumi.Eks.Inputs.KubeProxyAddonOptionsArgs { Enabled = false },
            CorednsAddonOptions = new Pulumi.Eks.Inputs.CoreDnsAddonOptionsArgs { Enabled = false },
        }, new ComponentResourceOptions { Parent = this });

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

    /// <summary>Subnets the node groups launch into.</summary>
    public Output<ImmutableArray<string>> SubnetIds { get; }

    /// <summary>The kubeconfig, as a secret.</summary>
    public Output<string> Kubeconfig { get; }

    /// <summary>The Kubernetes provider every release and ConfigMap uses.</summary>
    public Pulumi.Kubernetes.Provider Provider { get; }
}
