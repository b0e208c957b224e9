using NodePools.Placement.Deployment;
using Pulumi;
using Eks = Pulumi.Aws.Eks;
using Iam = Pulumi.Aws.Iam;
using MetaInputs = Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using StorageV1 = Pulumi.Kubernetes.Storage.V1;
using StorageInputs = Pulumi.Kubernetes.Types.Inputs.Storage.V1;

namespace NodePools.Components;

/// <summary>
/// Volumes that bind on a fresh cluster (<see cref="StorageSettings"/>): the EBS CSI driver add-on
/// with its own role through Pod Identity, after the node groups its controller runs on, and a
/// default, encrypted gp3 StorageClass whose volumes are retained when their claim goes.
/// </summary>
public sealed class ClusterStorage : ComponentResource
{
    public ClusterStorage(string name, ClusterStorageArgs args, ComponentResourceOptions? options = null)
        : base(ComponentTypes.ClusterStorage, name, options)
    {
        var afterNodes = ChildOptions.After(this, args.DependsOn);

        PodIdentityAgent = new Eks.Addon($"{name}-pod-identity-agent", EksAddons.Args(args.ClusterName, StorageSettings.PodIdentityAgentAddon, args.AddonVersions), afterNodes);

        var driverRole = ServiceAccountRole.Create(this, $"{name}-ebs-csi", args.PodIdentityTrustPolicy,
            "The EBS CSI driver's controller, through EKS Pod Identity", StorageSettings.EbsCsiPolicyArn);
        Role = driverRole.Role;

        var driverOptions = ChildOptions.After(this, [PodIdentityAgent, driverRole.Attachment, .. args.DependsOn]);
        var driverArgs = EksAddons.Args(args.ClusterName, StorageSettings.EbsCsiAddon, args.AddonVersions);
        driverArgs.PodIdentityAssociations.Add(new Eks.Inputs.AddonPodIdentityAssociationArgs { RoleArn = Role.Arn, ServiceAccount = StorageSettings.EbsCsiServiceAccount });
        // Its controller on the system pool: by default it tolerates every NoExecute taint for 300 s and is evicted from such pools.
        if (args.ConfigurationValues is { } configuration)
            driverArgs.ConfigurationValues = configuration;
        Driver = new Eks.Addon($"{name}-ebs-csi-driver", driverArgs, driverOptions);

        StorageClass = new StorageV1.StorageClass($"{name}-gp3", new StorageInputs.StorageClassArgs
        {
            Metadata = new MetaInputs.ObjectMetaArgs
            {
                Name = StorageSettings.StorageClassName,
                Annotations = { [StorageSettings.DefaultClassAnnotation] = "true" },
            },
            Provisioner = StorageSettings.Provisioner,
            Parameters = StorageSettings.Parameters.ToDictionary(),
            VolumeBindingMode = StorageSettings.VolumeBindingMode,
            ReclaimPolicy = StorageSettings.ReclaimPolicy,
            AllowVolumeExpansion = true,
        }, ChildOptions.After(this, [Driver], args.Provider));

        RegisterOutputs(new Dictionary<string, object?> { ["storageClass"] = StorageSettings.StorageClassName });
    }

    public Eks.Addon PodIdentityAgent { get; }
    public Eks.Addon Driver { get; }
    public Iam.Role Role { get; }
    public StorageV1.StorageClass StorageClass { get; }
}

public sealed class ClusterStorageArgs
{
    public required string ClusterName { get; init; }
    public required ProviderResource Provider { get; init; }

    /// <summary>Who may assume the driver's role (<see cref="StorageSettings.PodIdentityTrustPolicy"/>).</summary>
    public required string PodIdentityTrustPolicy { get; init; }

    /// <summary>The cluster and its node groups: the add-ons' pods need nodes to become healthy.</summary>
    public required IReadOnlyList<Resource> DependsOn { get; init; }

    /// <summary>Each add-on's version for the cluster's minor; unpinned where absent.</summary>
    public IReadOnlyDictionary<string, string> AddonVersions { get; init; } = new Dictionary<string, string>();

    /// <summary>The EBS CSI driver add-on's configurationValues (<see cref="AddonPlacement.EbsCsiConfigurationValues"/>); null keeps its defaults.</summary>
    public string? ConfigurationValues { get; init; }
}
