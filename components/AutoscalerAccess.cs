using NodePools.Placement.Declaration;
using NodePools.Placement.Deployment;
using Pulumi;
using Eks = Pulumi.Aws.Eks;
using Iam = Pulumi.Aws.Iam;

namespace NodePools.Components;

/// <summary>
/// The Cluster Autoscaler's AWS access (<see cref="AutoscalerSettings"/>): a role assumed through EKS
/// Pod Identity by kube-system/cluster-autoscaler, with a policy that may resize only this cluster's
/// node groups. The release is installed after the association exists.
/// </summary>
public sealed class AutoscalerAccess : ComponentResource
{
    public AutoscalerAccess(string name, AutoscalerAccessArgs args, ComponentResourceOptions? options = null)
        : base(ComponentTypes.AutoscalerAccess, name, options)
    {
        var policy = new Iam.Policy(name, new Iam.PolicyArgs
        {
            PolicyDocument = AutoscalerSettings.Policy(args.ClusterName),
            Description = $"The Cluster Autoscaler of {args.ClusterName}: read node groups, resize only this cluster's",
        }, new CustomResourceOptions { Parent = this });
        var access = ServiceAccountRole.Create(this, name, args.PodIdentityTrustPolicy,
            "The Cluster Autoscaler (kube-system/cluster-autoscaler), through EKS Pod Identity", policy.Arn);
        Role = access.Role;
        Association = new Eks.PodIdentityAssociation(name, new Eks.PodIdentityAssociationArgs
        {
            ClusterName = args.ClusterName,
            Namespace = AutoscalerSpec.Namespace,
            ServiceAccount = AutoscalerSpec.ServiceAccount,
            RoleArn = Role.Arn,
        }, ChildOptions.After(this, [args.Cluster, access.Attachment]));
        RegisterOutputs(new Dictionary<string, object?> { ["roleArn"] = Role.Arn });
    }

    public Iam.Role Role { get; }
    public Eks.PodIdentityAssociation Association { get; }
}

public sealed class AutoscalerAccessArgs
{
    public required string ClusterName { get; init; }
    public required Resource Cluster { get; init; }

    /// <summary>Who may assume the autoscaler's role (<see cref="StorageSettings.PodIdentityTrustPolicy"/>).</summary>
    public required string PodIdentityTrustPolicy { get; init; }
}
