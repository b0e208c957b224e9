using NodePools.Placement.Declaration;
using NodePools.Placement.Deployment;
using Pulumi;
using Eks = Pulumi.Aws.Eks;

namespace NodePools.Components;

/// <summary>
/// EKS access entries for the principals the stack names (a deploy role as cluster admin, a preview
/// role and people as viewers), each with its access policy cluster-wide, but for the cluster's
/// creator, whose entry EKS made itself (<see cref="AccessEntryPlan"/>).
/// </summary>
public sealed class ClusterAccess : ComponentResource
{
    public ClusterAccess(string name, ClusterAccessArgs args, ComponentResourceOptions? options = null)
        : base(ComponentTypes.ClusterAccess, name, options)
    {
        foreach (var (index, access) in args.Plan.Entries)
        {
            var entryOptions = new CustomResourceOptions { Parent = this };
            entryOptions.DependsOn.Add(args.Cluster);
            var entry = new Eks.AccessEntry($"{name}-{index}", new Eks.AccessEntryArgs
            {
                ClusterName = args.ClusterName,
                PrincipalArn = access.PrincipalArn,
                Type = "STANDARD",
            }, entryOptions);
            _ = new Eks.AccessPolicyAssociation($"{name}-{index}-{access.Level}", new Eks.AccessPolicyAssociationArgs
            {
                ClusterName = args.ClusterName,
                PrincipalArn = access.PrincipalArn,
                PolicyArn = access.PolicyArn,
                AccessScope = new Eks.Inputs.AccessPolicyAssociationAccessScopeArgs { Type = "cluster" },
            }, new CustomResourceOptions { Parent = this, DependsOn = { entry } });
        }
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["principals"] = args.Plan.Entries.Select(entry => entry.Access.PrincipalArn).ToList(),
            ["creator"] = args.Plan.Creator,
        });
    }
}

public sealed class ClusterAccessArgs
{
    public required string ClusterName { get; init; }
    public required Resource Cluster { get; init; }

    /// <summary>The declared principals and the cluster's creator, who gets no entry of the stack's.</summary>
    public required AccessEntryPlan Plan { get; init; }
}
