using NodePools.Placement.Kubernetes;

namespace NodePools.Placement.Planning;

/// <summary>The EKS API's spelling of Kubernetes terms.</summary>
public static class EksSpelling
{
    public static string TaintEffect(string kubernetesEffect) => kubernetesEffect switch
    {
        TaintEffects.NoSchedule => "NO_SCHEDULE",
        TaintEffects.PreferNoSchedule => "PREFER_NO_SCHEDULE",
        TaintEffects.NoExecute => "NO_EXECUTE",
        _ => throw new ArgumentOutOfRangeException(nameof(kubernetesEffect), kubernetesEffect, "not a Kubernetes taint effect"),
    };
}
