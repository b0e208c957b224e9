using System.Text.Json.Nodes;
using NodePools.Placement.Kubernetes;
using NodePools.Placement.Planning;
using NodePools.Placement.Scheduling;
using NodePools.Placement.Verdicts;

namespace NodePools.Placement.Deployment;

/// <summary>
/// The EKS add-ons every cluster needs, managed by the stack rather than left as the unmanaged copies
/// EKS bootstraps: the VPC CNI and kube-proxy before any node group (a node is Ready only once the
/// CNI runs on it), CoreDNS after the node groups of the pools it can run on (a Deployment without a
/// node never becomes healthy). The CNI runs with its own role through IRSA, so the node role does
/// not carry the CNI policy; IRSA rather than Pod Identity, because the Pod Identity agent is itself
/// a pod that needs the CNI's network to be scheduled on a fresh node.
/// </summary>
public static class ClusterAddonSettings
{
    public const string VpcCni = "vpc-cni";
    public const string KubeProxy = "kube-proxy";
    public const string CoreDns = "coredns";

    /// <summary>EKS bootstraps unmanaged copies of all three; the managed add-on takes their fields over.</summary>
    public const string ResolveConflictsOnCreate = "OVERWRITE";

    /// <summary>The stack owns each add-on's configuration: an upgrade overwrites fields changed by hand rather than failing on them.</summary>
    public const string ResolveConflictsOnUpdate = "OVERWRITE";

    /// <summary>
    /// Every EKS add-on the stack manages. Each is pinned to the version EKS marks default for the
    /// cluster's minor (GetAddonVersion), so a version bump upgrades the add-ons after the control plane.
    /// </summary>
    public static readonly IReadOnlyList<string> Managed = [VpcCni, KubeProxy, CoreDns, StorageSettings.PodIdentityAgentAddon, StorageSettings.EbsCsiAddon];

    public const string CniNamespace = "kube-system";
    public const string CniServiceAccount = "aws-node";
    public const string CniPolicyArn = "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy";

    /// <summary>
    /// The tolerations and requests of the CoreDNS EKS add-on's Deployment: it tolerates only
    /// CriticalAddonsOnly and the control-plane taint, so it runs on pools without other blocking taints.
    /// </summary>
    public static readonly PodSpec CoreDnsPod = new()
    {
        Tolerations =
        [
            new Toleration { Key = "CriticalAddonsOnly", Operator = TolerationOperators.Exists },
            new Toleration { Key = "node-role.kubernetes.io/control-plane", Effect = TaintEffects.NoSchedule },
        ],
        Containers = [new Container { Name = "coredns", Resources = new ResourceRequirements { Requests = new Dictionary<string, string> { ["cpu"] = "100m", ["memory"] = "70Mi" } } }],
    };

    /// <summary>The pools CoreDNS can be scheduled on, by the same filters kube-scheduler applies.</summary>
    public static IReadOnlyList<string> CoreDnsPools(StackPlan plan)
    {
        var pod = SchedulingPod.From("kube-system/coredns", "Deployment", CoreDnsPod, SchedulingOptions.Eks);
        return PoolVerdicts.Fitting(pod, plan.Pools);
    }

    /// <summary>
    /// The trust policy of a role assumed through IRSA by one service account: the cluster's OIDC
    /// provider, audience sts.amazonaws.com, subject system:serviceaccount:NAMESPACE:NAME.
    /// </summary>
    public static string IrsaTrustPolicy(string oidcProviderArn, string oidcProviderUrl, string serviceAccountNamespace, string serviceAccount)
    {
        var issuer = oidcProviderUrl.StartsWith("https://", StringComparison.Ordinal) ? oidcProviderUrl["https://".Length..] : oidcProviderUrl;
        return new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(new JsonObject
            {
                ["Effect"] = "Allow",
                ["Principal"] = new JsonObject { ["Federated"] = oidcProviderArn },
                ["Action"] = "sts:AssumeRoleWithWebIdentity",
                ["Condition"] = new JsonObject
                {
                    ["StringEquals"] = new JsonObject
                    {
                        [$"{issuer}:aud"] = "sts.amazonaws.com",
                        [$"{issuer}:sub"] = $"system:serviceaccount:{serviceAccountNamespace}:{serviceAccount}",
                    },
                },
            }),
        }.ToJsonString();
    }
}
