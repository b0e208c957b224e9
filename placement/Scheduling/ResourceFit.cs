using NodePools.Placement.Kubernetes;

namespace NodePools.Placement.Scheduling;

/// <summary>
/// The NodeResourcesFit filter on an empty node: the pod's effective requests (containers summed,
/// init containers at their maximum, plus overhead; a limit stands in for a missing request) against
/// the node's allocatable. Only nodes that state an allocatable are checked.
/// </summary>
public static class ResourceFit
{
    private const string Cpu = "cpu";
    private const string Memory = "memory";
    private const string EphemeralStorage = "ephemeral-storage";
    private const string Pods = "pods";

    /// <summary>The pod's requests in scheduling units (millicores for cpu), only the resources the scheduler counts.</summary>
    public static IReadOnlyDictionary<string, long> PodRequests(PodSpec spec)
    {
        var total = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var container in spec.Containers ?? [])
        {
            foreach (var (name, value) in ContainerRequests(container))
                total[name] = total.GetValueOrDefault(name) + value;
        }
        foreach (var init in spec.InitContainers ?? [])
        {
            foreach (var (name, value) in ContainerRequests(init))
                total[name] = Math.Max(total.GetValueOrDefault(name), value);
        }
        foreach (var (name, text) in spec.Overhead ?? [])
        {
            if (Quantity.TryParse(text, out var value))
                total[name] = total.GetValueOrDefault(name) + value;
        }
        return total.Where(pair => Counted(pair.Key))
            .ToDictionary(pair => pair.Key, pair => Quantity.SchedulingUnits(pair.Key, pair.Value), StringComparer.Ordinal);
    }

    /// <summary>The node's allocatable in scheduling units, or null when the node states none.</summary>
    public static IReadOnlyDictionary<string, long>? Allocatable(Node node) =>
        node.Status?.Allocatable is { } allocatable
            ? allocatable
                .Select(pair => (pair.Key, Parsed: Quantity.TryParse(pair.Value, out var value), value))
                .Where(entry => entry.Parsed)
                .ToDictionary(entry => entry.Key, entry => Quantity.SchedulingUnits(entry.Key, entry.value), StringComparer.Ordinal)
            : null;

    /// <summary>"Too many pods" and "Insufficient RESOURCE" reasons, in the scheduler's order; empty when the pod fits.</summary>
    public static IReadOnlyList<string> Insufficient(IReadOnlyDictionary<string, long> requests, IReadOnlyDictionary<string, long> allocatable)
    {
        List<string>? reasons = null;
        // A stated allocatable without "pods" is taken as no limit on the pod count.
        if (allocatable.TryGetValue(Pods, out var pods) && pods < 1)
            (reasons ??= []).Add("Too many pods");
        foreach (var name in new[] { Cpu, Memory, EphemeralStorage })
        {
            if (requests.TryGetValue(name, out var wanted) && wanted > 0 && wanted > allocatable.GetValueOrDefault(name))
                (reasons ??= []).Add($"Insufficient {name}");
        }
        foreach (var (name, wanted) in requests.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (name is Cpu or Memory or EphemeralStorage || wanted <= 0)
                continue;
            if (wanted > allocatable.GetValueOrDefault(name))
                (reasons ??= []).Add($"Insufficient {name}");
        }
        return reasons ?? (IReadOnlyList<string>)[];
    }

    private static IEnumerable<(string Name, decimal Value)> ContainerRequests(Container container)
    {
        var requests = container.Resources?.Requests ?? [];
        var limits = container.Resources?.Limits ?? [];
        foreach (var (name, text) in requests.Concat(limits.Where(limit => !requests.ContainsKey(limit.Key))))
        {
            if (Quantity.TryParse(text, out var value))
                yield return (name, value);
        }
    }

    /// <summary>cpu, memory, ephemeral-storage, and the scalar resources: extended, hugepages-*, kubernetes.io/*, attachable-volumes-*.</summary>
    private static bool Counted(string name) =>
        name is Cpu or Memory or EphemeralStorage
        || AdmissionTolerations.IsExtendedResourceName(name)
        || name.StartsWith("hugepages-", StringComparison.Ordinal)
        || name.StartsWith("attachable-volumes-", StringComparison.Ordinal)
        || name.Contains("kubernetes.io/", StringComparison.Ordinal);
}
