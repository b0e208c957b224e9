using NodePools.Placement.Kubernetes;

namespace NodePools.Placement.Deployment;

/// <summary>
/// The pods of the EKS add-ons the stack installs, with the requests their manifests give them, for
/// the capacity check: they take room on the nodes before any release does. Read at the sources
/// named beside each; re-check them when an add-on's version moves.
/// </summary>
public static class AddonPods
{
    /// <summary>One add-on workload: on every node it admits (a DaemonSet), or a Deployment's replicas.</summary>
    public sealed record AddonPod(string Name, bool DaemonSet, int Replicas, PodSpec Spec);

    // Node agents tolerate every taint (operator Exists): they run on every node of every pool.
    private static readonly List<Toleration> Everything = [new Toleration { Operator = TolerationOperators.Exists }];

    public static readonly IReadOnlyList<AddonPod> All =
    [
        // vpc-cni: aws-node and aws-eks-nodeagent ask 25m each (amazon-vpc-cni-k8s config/master/aws-k8s-cni.yaml).
        new("kube-system/aws-node", DaemonSet: true, 1, Pod(Everything, ("aws-node", "25m", null), ("aws-eks-nodeagent", "25m", null))),
        // kube-proxy: 100m CPU, no memory request (aws/containers-roadmap#1509).
        new("kube-system/kube-proxy", DaemonSet: true, 1, Pod(Everything, ("kube-proxy", "100m", null))),
        // eks-pod-identity-agent: no requests (aws/eks-pod-identity-agent charts values.yaml), still a pod on every node.
        new("kube-system/eks-pod-identity-agent", DaemonSet: true, 1, Pod(Everything)),
        // aws-ebs-csi-driver: the node plugin asks 10m and 40Mi (aws-ebs-csi-driver chart values.yaml, node.resources).
        new("kube-system/ebs-csi-node", DaemonSet: true, 1, Pod(Everything, ("ebs-plugin", "10m", "40Mi"))),
        // CoreDNS: two replicas of 100m and 70Mi (the EKS add-on's Deployment; eksctl's coredns-1.33 asset).
        new("kube-system/coredns", DaemonSet: false, 2, ClusterAddonSettings.CoreDnsPod),
        // The EBS CSI controller: two replicas of 10m and 40Mi, tolerating CriticalAddonsOnly and NoExecute taints.
        new("kube-system/ebs-csi-controller", DaemonSet: false, 2, Pod(
            [new Toleration { Key = "CriticalAddonsOnly", Operator = TolerationOperators.Exists }, new Toleration { Operator = TolerationOperators.Exists, Effect = TaintEffects.NoExecute }],
            ("ebs-plugin", "10m", "40Mi"))),
    ];

    private static PodSpec Pod(List<Toleration> tolerations, params (string Name, string? Cpu, string? Memory)[] containers) => new()
    {
        Tolerations = tolerations,
        Containers = [.. containers.Select(container => new Container
        {
            Name = container.Name,
            Resources = new ResourceRequirements
            {
                Requests = new[] { ("cpu", container.Cpu), ("memory", container.Memory) }
                    .Where(request => request.Item2 is not null).ToDictionary(request => request.Item1, request => request.Item2!),
            },
        })],
    };
}
