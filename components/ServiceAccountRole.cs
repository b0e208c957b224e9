using Pulumi;
using Iam = Pulumi.Aws.Iam;

namespace NodePools.Components;

/// <summary>
/// The IAM role of one add-on's service account, with the one policy it needs attached: whatever uses
/// the role waits for <see cref="Attachment"/>, or its first AWS calls are refused.
/// </summary>
internal sealed record ServiceAccountRole(Iam.Role Role, Iam.RolePolicyAttachment Attachment)
{
    /// <param name="name">The role's resource name; the attachment is NAME-policy.</param>
    public static ServiceAccountRole Create(Resource parent, string name, Input<string> trustPolicy, string description, Input<string> policyArn)
    {
        var child = new CustomResourceOptions { Parent = parent };
        var role = new Iam.Role(name, new Iam.RoleArgs { AssumeRolePolicy = trustPolicy, Description = description }, child);
        var attachment = new Iam.RolePolicyAttachment($"{name}-policy", new Iam.RolePolicyAttachmentArgs { Role = role.Name, PolicyArn = policyArn }, child);
        return new ServiceAccountRole(role, attachment);
    }
}
