using System.Text.Json.Nodes;
using NodePools.Placement.Declaration;

namespace NodePools.Placement.Deployment;

/// <summary>
/// What the Cluster Autoscaler may do on AWS, through EKS Pod Identity on its service account: read
/// the Auto Scaling groups, launch templates, instance types and node groups (labels and taints, to
/// scale a group up from zero), and change the size only of this cluster's groups — those EKS tags
/// k8s.io/cluster-autoscaler/CLUSTER for its managed node groups.
/// </summary>
public static class AutoscalerSettings
{
    public static readonly IReadOnlyList<string> ReadActions =
    [
        "autoscaling:DescribeAutoScalingGroups",
        "autoscaling:DescribeAutoScalingInstances",
        "autoscaling:DescribeLaunchConfigurations",
        "autoscaling:DescribeScalingActivities",
        "autoscaling:DescribeTags",
        "ec2:DescribeImages",
        "ec2:DescribeInstanceTypes",
        "ec2:DescribeLaunchTemplateVersions",
        "ec2:GetInstanceTypesFromInstanceRequirements",
        "eks:DescribeNodegroup",
    ];

    public static readonly IReadOnlyList<string> ScaleActions = ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"];

    /// <summary>The tag EKS puts on the Auto Scaling groups of a cluster's managed node groups.</summary>
    public static string ClusterTag(string cluster) => $"k8s.io/cluster-autoscaler/{cluster}";

    public static string Policy(string cluster) => new JsonObject
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(
            new JsonObject
            {
                ["Sid"] = "Read",
                ["Effect"] = "Allow",
                ["Action"] = new JsonArray(ReadActions.Select(action => (JsonNode?)action).ToArray()),
                ["Resource"] = "*",
            },
            new JsonObject
            {
                ["Sid"] = "ScaleThisClustersGroups",
                ["Effect"] = "Allow",
                ["Action"] = new JsonArray(ScaleActions.Select(action => (JsonNode?)action).ToArray()),
                ["Resource"] = "*",
                ["Condition"] = new JsonObject
                {
                    ["StringEquals"] = new JsonObject { [$"aws:ResourceTag/{ClusterTag(cluster)}"] = "owned" },
                },
            }),
    }.ToJsonString();
}
