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
        var child = new CustomResourceOptions { Parent = this };
        Role = new Iam.Role(name, new Iam.RoleArgs
        {
            AssumeRolePolicy = StorageSettings.PodIdentityTrustPolicy,
            Description = "The Cluster Autoscaler (kube-system/cluster-autoscaler), through EKS Pod Identity",
        }, child);
        var policy = new Iam.Policy(name, new Iam.PolicyArgs
        {
            PolicyDocument = AutoscalerSettings.Policy(args.ClusterName),
            Description = $"The Cluster Autoscaler of {args.ClusterName}: read node groups, resize only this cluster's",
        }, child);
        var attachment = new Iam.RolePolicyAttachment(name, new Iam.RolePolicyAttachmentArgs { Role = Role.Name, PolicyArn = policy.Arn }, child);
        Association = new Eks.PodIdentityAssociation(name, new Eks.PodIdentityAssociationArgs
        {
            ClusterName = args.ClusterName,
            Namespace = AutoscalerSettings.Namespace,
            ServiceAccount = AutoscalerSettings.ServiceAccount,
            RoleArn = Role.Arn,
        }, new CustomResourceOptions { Parent = this, DependsOn = { args.Cluster, attachment } });
        RegisterOutputs(new Dictionary<string, object?> { ["roleArn"] = Role.Arn });
    }

    public Iam.Role Role { get; }
    public Eks.PodIdentityAssociation Association { get; }
}

public sealed class AutoscalerAccessArgs
{
    public required string ClusterName { get; init; }
    public required Resource Cluster { get; init; }
}
