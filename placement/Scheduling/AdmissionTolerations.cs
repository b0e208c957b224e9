using NodePools.Placement.Kubernetes;
using NodePools.Placement.Kubernetes.Validation;

namespace NodePools.Placement.Scheduling;

/// <summary>
/// Tolerations that Kubernetes adds to a pod before the scheduler sees it.
/// </summary>
public static class AdmissionTolerations
{
    private const string ResourceRequestsPrefix = "requests.";

    /// <summary>
    /// The ExtendedResourceToleration admission plugin (enabled on EKS): for every extended resource a
    /// container or init container requests (e.g. nvidia.com/gpu), the pod tolerates
    /// {key: resource, operator: Exists, effect: NoSchedule}. Requests default to limits, so a limit
    /// without a request counts too. Sorted by resource name, as the plugin adds them.
    /// </summary>
    public static IReadOnlyList<Toleration> ForExtendedResources(PodSpec spec) =>
        RequestedExtendedResources(spec)
            .Select(resource => new Toleration { Key = resource, Operator = TolerationOperators.Exists, Effect = TaintEffects.NoSchedule })
            .ToList();

    public static IEnumerable<string> RequestedExtendedResources(PodSpec spec)
    {
        var resources = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var container in (spec.Containers ?? []).Concat(spec.InitContainers ?? []))
        {
            var requests = container.Resources?.Requests?.Keys ?? Enumerable.Empty<string>();
            var limits = container.Resources?.Limits?.Keys ?? Enumerable.Empty<string>();
            foreach (var name in requests.Concat(limits))
            {
                if (IsExtendedResourceName(name))
                    resources.Add(name);
            }
        }
        return resources;
    }

    /// <summary>
    /// helper.IsExtendedResourceName: a name with a '/' outside the kubernetes.io/ namespace, not
    /// starting with "requests.", whose quota form "requests.NAME" is a qualified name.
    /// </summary>
    public static bool IsExtendedResourceName(string name)
    {
        var native = !name.Contains('/') || name.Contains("kubernetes.io/", StringComparison.Ordinal);
        if (native || name.StartsWith(ResourceRequestsPrefix, StringComparison.Ordinal))
            return false;
        return NameRules.IsQualifiedName(ResourceRequestsPrefix + name);
    }

    /// <summary>
    /// The tolerations the DaemonSet controller gives every daemon pod (AddOrUpdateDaemonPodTolerations),
    /// so node problems and cordons do not keep it away.
    /// </summary>
    public static IReadOnlyList<Toleration> ForDaemonSet(PodSpec spec)
    {
        var tolerations = new List<Toleration>
        {
            Exists("node.kubernetes.io/not-ready", TaintEffects.NoExecute),
            Exists("node.kubernetes.io/unreachable", TaintEffects.NoExecute),
            Exists("node.kubernetes.io/disk-pressure", TaintEffects.NoSchedule),
            Exists("node.kubernetes.io/memory-pressure", TaintEffects.NoSchedule),
            Exists("node.kubernetes.io/pid-pressure", TaintEffects.NoSchedule),
            Exists(WellKnownLabels.UnschedulableTaintKey, TaintEffects.NoSchedule),
        };
        if (spec.HostNetwork)
            tolerations.Add(Exists("node.kubernetes.io/network-unavailable", TaintEffects.NoSchedule));
        return tolerations;
    }

    private static Toleration Exists(string key, string effect) =>
        new() { Key = key, Operator = TolerationOperators.Exists, Effect = effect };
}
