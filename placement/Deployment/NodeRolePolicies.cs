namespace NodePools.Placement.Deployment;

/// <summary>The node role: exactly the three AWS managed policies a node needs, nothing broader.</summary>
public static class NodeRolePolicies
{
    public static readonly IReadOnlyList<(string Name, string Arn)> Attached =
    [
        ("worker-node", "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy"),
        ("cni", "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy"),
        ("ecr-read-only", "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"),
    ];

    /// <summary>Lets EC2 instances assume the role.</summary>
    public const string AssumeRolePolicy =
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
}
