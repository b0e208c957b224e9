namespace NodePools.Placement.Kubernetes;

/// <summary>Labels and taint keys that Kubernetes and EKS put on nodes themselves.</summary>
public static class WellKnownLabels
{
    public const string Hostname = "kubernetes.io/hostname";
    public const string Arch = "kubernetes.io/arch";
    public const string Os = "kubernetes.io/os";
    public const string InstanceType = "node.kubernetes.io/instance-type";
    public const string Zone = "topology.kubernetes.io/zone";
    public const string EksNodegroup = "eks.amazonaws.com/nodegroup";
    public const string EksCapacityType = "eks.amazonaws.com/capacityType";

    /// <summary>The GPU a node carries, by the Cluster Autoscaler's AWS provider's name (it treats such nodes as GPU nodes, and waits for their driver).</summary>
    public const string AwsAccelerator = "k8s.amazonaws.com/accelerator";

    /// <summary>The field a matchFields requirement may select on.</summary>
    public const string MetadataNameField = "metadata.name";

    /// <summary>The taint the NodeUnschedulable plugin checks a cordoned node against.</summary>
    public const string UnschedulableTaintKey = "node.kubernetes.io/unschedulable";
}
