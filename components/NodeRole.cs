using NodePools.Placement.Deployment;
using Pulumi;
using Iam = Pulumi.Aws.Iam;

namespace NodePools.Components;

/// <summary>
/// The IAM role every pool's nodes run as, with exactly the three managed policies a node needs
/// (worker node, CNI, ECR read-only). One role shared by all pools: EKS grants a managed node
/// group's role access to the cluster by itself in API authentication mode.
/// </summary>
public sealed class NodeRole : ComponentResource
{
    public NodeRole(string name, ComponentResourceOptions? options = null)
        : base(ComponentTypes.NodeRole, name, options)
    {
        var child = new CustomResourceOptions { Parent = this };
        Role = new Iam.Role(name, new Iam.RoleArgs
        {
            AssumeRolePolicy = NodeRolePolicies.AssumeRolePolicy,
            Description = "Nodes of the node-pools managed node groups",
        }, child);
        Attachments = NodeRolePolicies.Attached
            .Select(policy => new Iam.RolePolicyAttachment($"{name}-{policy.Name}", new Iam.RolePolicyAttachmentArgs
            {
                Role = Role.Name,
                PolicyArn = policy.Arn,
            }, child))
            .ToList();
        RegisterOutputs(new Dictionary<string, object?> { ["roleArn"] = Role.Arn });
    }

    public Iam.Role Role { get; }

    /// <summary>Node groups wait for these: a node without its policies cannot join.</summary>
    public IReadOnlyList<Iam.RolePolicyAttachment> Attachments { get; }
}
