using System.Text.Json.Nodes;
using NodePools.Placement.Kubernetes;
using NodePools.Placement.Planning;
using NodePools.Placement.Scheduling;

namespace NodePools.Placement.Deployment;

/// <summary>One EKS add-on's pods, as the stack configures the add-on: evaluated against the pools like any release's.</summary>
public sealed record PlacedAddonPod(string Addon, string Workload, PodSpec Pod);

/// <summary>
/// The pods the cluster's EKS add-ons run, placed and evaluated with the same rules as the releases.
/// The EBS CSI controller's defaults tolerate CriticalAddonsOnly and every NoExecute taint for 300 s,
/// so it lands on a NoExecute pool (dispatch) and is evicted five minutes later, again and again: the
/// stack places it on the system pool through the add-on's configurationValues instead.
/// </summary>
public static class AddonPlacement
{
    public const string EbsCsiController = "Deployment/ebs-csi-controller";

    private static readonly Toleration CriticalAddonsOnly = new() { Key = "CriticalAddonsOnly", Operator = TolerationOperators.Exists };

    /// <summary>The EBS CSI controller as the add-on runs it unconfigured (its chart's controller.tolerations).</summary>
    public static readonly PodSpec EbsCsiControllerDefault = new()
    {
        Tolerations = [CriticalAddonsOnly, new Toleration { Operator = TolerationOperators.Exists, Effect = TaintEffects.NoExecute, TolerationSeconds = 300 }],
        Containers = [Requests("ebs-plugin", "10m", "40Mi")],
    };

    /// <summary>The pool the cluster's own add-ons run on: the first without a NoSchedule or NoExecute taint; null when every pool has one.</summary>
    public static PoolPlan? SystemPool(StackPlan plan) =>
        plan.Pools.FirstOrDefault(pool => !pool.Spec.Taints.Any(TaintToleration.BlocksScheduling));

    /// <summary>The EBS CSI controller as the stack configures it: on the system pool's labels, tolerating only CriticalAddonsOnly.</summary>
    public static PodSpec EbsCsiControllerOn(PoolPlan? system) => system is null
        ? EbsCsiControllerDefault
        : EbsCsiControllerDefault with
        {
            NodeSelector = system.Spec.Labels.Count > 0 ? system.Spec.Labels.ToDictionary() : null,
            Tolerations = [CriticalAddonsOnly],
        };

    /// <summary>
    /// The aws-ebs-csi-driver add-on's configurationValues that place its controller (the add-on's
    /// schema takes the chart's controller.nodeSelector and controller.tolerations; a list replaces the
    /// default); null, leaving the defaults, when no pool is free of blocking taints.
    /// </summary>
    public static string? EbsCsiConfigurationValues(PoolPlan? system)
    {
        if (system is null)
            return null;
        var pod = EbsCsiControllerOn(system);
        var controller = new JsonObject { ["tolerations"] = new JsonArray(new JsonObject { ["key"] = CriticalAddonsOnly.Key, ["operator"] = CriticalAddonsOnly.Operator }) };
        if (pod.NodeSelector is { } selector)
            controller["nodeSelector"] = new JsonObject(selector.OrderBy(label => label.Key, StringComparer.Ordinal).Select(label => KeyValuePair.Create(label.Key, (JsonNode?)label.Value)));
        return new JsonObject { ["controller"] = controller }.ToJsonString();
    }

    /// <summary>Every add-on pod the stack's configuration places: CoreDNS's, the EBS CSI controller's.</summary>
    public static IReadOnlyList<PlacedAddonPod> All(StackPlan plan) =>
    [
        new(ClusterAddonSettings.CoreDns, "Deployment/coredns", ClusterAddonSettings.CoreDnsPod),
        new(StorageSettings.EbsCsiAddon, EbsCsiController, EbsCsiControllerOn(SystemPool(plan))),
    ];

    private static Container Requests(string name, string cpu, string memory) =>
        new() { Name = name, Resources = new ResourceRequirements { Requests = new Dictionary<string, string> { ["cpu"] = cpu, ["memory"] = memory } } };
}
