using NodePools.Placement.Declaration;
using Pulumi;
using Eks = Pulumi.Aws.Eks;

namespace NodePools.Components;

/// <summary>
/// EKS access entries for the principals the stack names (a deploy role as cluster admin, a preview
/// role and people as viewers), each with its access policy cluster-wide: the cluster is usable by
/// CI and by workstations whichever of them created it.
/// </summary>
public sealed class ClusterAccess : ComponentResource
{
    public ClusterAccess(string name, ClusterAccessArgs args, ComponentResourceOptions? options = null)
        : base(ComponentTypes.ClusterAccess, name, options)
    {
        foreach (var (access, index) in args.Access.Select((a, i) => (a, i)))
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
        RegisterOutputs(new Dictionary<string, object?> { ["principals"] = args.Access.Select(a => a.PrincipalArn).ToList() });
    }
}

public sealed class ClusterAccessArgs
{
    public required string ClusterName { get; init; }
    public required Resource Cluster { get; init; }
    public required IReadOnlyList<AccessSpec> Access { get; init; }
}
