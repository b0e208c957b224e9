using NodePools.Placement.Declaration;

namespace NodePools.Placement.Deployment;

/// <summary>
/// The access entries the stack creates, given who created the cluster. pulumi-eks creates every
/// cluster with bootstrapClusterCreatorAdminPermissions, so EKS itself holds a cluster-admin access
/// entry for the creating principal from the start (and the Kubernetes provider can use it at once);
/// a second entry for that principal fails with ResourceInUseException. So the creator gets no entry
/// of the stack's, every other declared principal does.
/// <para>
/// The creator is the principal the first deployment ran as, and it is recorded on the cluster
/// (<see cref="CreatorTag"/>): whoever deploys later — CI's deploy role, an engineer — the same
/// principal is left out, so no entry is deleted or created twice because someone else ran `up`.
/// </para>
/// </summary>
public sealed record AccessEntryPlan(string Creator, IReadOnlyList<AccessSpec> Declared, IReadOnlyList<string> Warnings)
{
    /// <summary>
    /// The entries the stack creates, each with its index in node-pools:cluster.access: resources are
    /// named by it, so leaving the creator out renames no other entry.
    /// </summary>
    public IReadOnlyList<(int Index, AccessSpec Access)> Entries =>
        Declared.Select((access, index) => (index, access)).Where(entry => entry.access.PrincipalArn != Creator).ToList();

    /// <summary>The cluster tag that records its creator (tag values allow the characters of an IAM ARN).</summary>
    public const string CreatorTag = "node-pools/cluster-creator";

    public static AccessEntryPlan For(IReadOnlyList<AccessSpec> declared, string creator)
    {
        var warnings = new List<string>();
        var own = declared.FirstOrDefault(access => access.PrincipalArn == creator);
        if (own is null)
        {
            warnings.Add($"{creator} created the cluster and keeps the cluster-admin access entry EKS gave it, which node-pools:cluster.access does not list: "
                         + "list it there (level: admin) to say so, or remove the entry with aws eks delete-access-entry");
        }
        else if (own.Level != AccessSpec.Admin)
        {
            warnings.Add($"{creator} created the cluster: EKS's own access entry gives it cluster admin, not the {own.Level} access node-pools:cluster.access declares");
        }
        return new AccessEntryPlan(creator, declared, warnings);
    }
}
