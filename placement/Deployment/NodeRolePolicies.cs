namespace NodePools.Placement.Deployment;

/// <summary>
/// The node role: exactly the AWS managed policies a node itself needs, nothing broader. The CNI
/// policy is not among them: the VPC CNI add-on has a role of its own (<see cref="ClusterAddonSettings"/>),
/// so pods that reach the node role's credentials cannot manage network interfaces.
/// </summary>
public static class NodeRolePolicies
{
    public static readonly IReadOnlyList<(string Name, string Arn)> Attached =
    [
        ("worker-node", "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy"),
        ("ecr-read-only", "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"),
    ];

    /// <summary>Lets EC2 instances assume the role.</summary>
    public const string AssumeRolePolicy =
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
}
