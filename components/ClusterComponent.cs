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
    public ClusterComponent(string name, ClusterSpec spec, ClusterComponentArgs account, ComponentResourceOptions? options = null)
        : base(ComponentTypes.Cluster, name, options)
    {
        var zones = account.Zones;
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
        args.ClusterTags = new InputMap<string> { { AccessEntryPlan.CreatorTag, account.Creator } };
        // The stack manages the VPC CNI, kube-proxy and CoreDNS as add-ons: EKS installs no copies of its own
        // (a cluster created with them keeps the setting, which cannot change without replacing it).
        if (account.BootstrapSelfManagedAddons is { } bootstrap)
        {
            args.BootstrapSelfManagedAddons = bootstrap;
            args.ClusterTags.Add(SelfManagedAddons.Tag, bootstrap ? "true" : "false");
        }

        var clusterOptions = new ComponentResourceOptions { Parent = this, Protect = spec.Protect };
        if (spec.Logs is { } logs)
        {
            // Created before the cluster, which would otherwise create it with logs kept forever.
            LogGroup = new Pulumi.Aws.CloudWatch.LogGroup($"{name}-control-plane", new Pulumi.Aws.CloudWatch.LogGroupArgs
            {
                Name = ControlPlaneLogsSpec.LogGroupName(spec.Name),
                RetentionInDays = logs.RetentionDays,
                Tags = tags,
            }, new CustomResourceOptions { Parent = this });
            args.EnabledClusterLogTypes = logs.Types.ToList();
            clusterOptions.DependsOn.Add(LogGroup);
        }
        // The stack manages the VPC CNI, kube-proxy and CoreDNS as EKS add-ons itself, each in its
        // place in the order (NodeNetworkAddons before the node groups, ClusterDnsAddon after).
        args.UseDefaultVpcCni = true;
        args.KubeProxyAddonOptions = new Pulumi.Eks.Inputs.KubeProxyAddonOptionsArgs { Enabled = false };
        args.CorednsAddonOptions = new Pulumi.Eks.Inputs.CoreDnsAddonOptionsArgs { Enabled = false };
        // Protected, the cluster and everything the component creates survive a `pulumi destroy`.
        EksCluster = new Pulumi.Eks.Cluster(name, args, clusterOptions);

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

    /// <summary>The control plane's log group, where the stack ships its logs; null otherwise.</summary>
    public Pulumi.Aws.CloudWatch.LogGroup? LogGroup { get; }

    /// <summary>The created VPC, or null on a declared network.</summary>
    public Network? Network { get; }

    /// <summary>Subnets the node groups launch into: the private ones of a created VPC, or the declared ones.</summary>
    public Output<ImmutableArray<string>> SubnetIds { get; }

    /// <summary>The kubeconfig, as a secret.</summary>
    public Output<string> Kubeconfig { get; }

    /// <summary>The Kubernetes provider every release and ConfigMap uses.</summary>
    public Pulumi.Kubernetes.Provider Provider { get; }
}

/// <summary>What the cluster is built with from the account: its zones, its creator, how EKS bootstraps its add-ons.</summary>
public sealed class ClusterComponentArgs
{
    /// <summary>The zones a created VPC spans (<see cref="ZoneSelection"/>); unused with a declared network.</summary>
    public required IReadOnlyList<string> Zones { get; init; }

    /// <summary>The principal that creates (or created) the cluster, recorded on it (<see cref="AccessEntryPlan.CreatorTag"/>).</summary>
    public required string Creator { get; init; }

    /// <summary>bootstrapSelfManagedAddons (<see cref="SelfManagedAddons"/>): null keeps how the cluster was created.</summary>
    public bool? BootstrapSelfManagedAddons { get; init; } = false;
}
