using System.Text.Json.Nodes;

namespace NodePools.Placement.Deployment;

/// <summary>
/// Persistent volumes on a fresh EKS cluster: EKS ships no EBS CSI driver and marks no StorageClass
/// default, so every PVC (PostgreSQL's) would stay Pending. The aws-ebs-csi-driver add-on runs with
/// its own role through EKS Pod Identity (the eks-pod-identity-agent add-on), and one StorageClass,
/// gp3 and encrypted, is the default.
/// </summary>
public static class StorageSettings
{
    public const string PodIdentityAgentAddon = "eks-pod-identity-agent";
    public const string EbsCsiAddon = "aws-ebs-csi-driver";
    public const string EbsCsiServiceAccount = "ebs-csi-controller-sa";
    public const string EbsCsiPolicyArn = "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy";
    public const string StorageClassName = "gp3";
    public const string Provisioner = "ebs.csi.aws.com";
    public const string DefaultClassAnnotation = "storageclass.kubernetes.io/is-default-class";

    /// <summary>gp3, encrypted, bound where the pod lands (the volume's zone follows the pod's node), growable.</summary>
    public static readonly IReadOnlyDictionary<string, string> Parameters = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["type"] = "gp3",
        ["encrypted"] = "true",
        ["csi.storage.k8s.io/fstype"] = "ext4",
    };

    public const string VolumeBindingMode = "WaitForFirstConsumer";
    public const string ReclaimPolicy = "Retain";

    /// <summary>
    /// The trust policy of a role assumed through EKS Pod Identity: the EKS Auth service, on behalf of
    /// this account's cluster only (aws:SourceAccount, aws:SourceArn), so no other cluster's Pod
    /// Identity association can hand the role out (the confused-deputy guard AWS recommends).
    /// </summary>
    public static string PodIdentityTrustPolicy(string accountId, string clusterArn) => new JsonObject
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(new JsonObject
        {
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["Service"] = "pods.eks.amazonaws.com" },
            ["Action"] = new JsonArray("sts:AssumeRole", "sts:TagSession"),
            ["Condition"] = new JsonObject
            {
                ["StringEquals"] = new JsonObject { ["aws:SourceAccount"] = accountId },
                ["ArnEquals"] = new JsonObject { ["aws:SourceArn"] = clusterArn },
            },
        }),
    }.ToJsonString();
}
