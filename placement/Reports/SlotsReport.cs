using NodePools.Placement.Declaration;
using NodePools.Placement.Discovery;
using NodePools.Placement.Rendering;
using NodePools.Placement.Workloads;

namespace NodePools.Placement.Reports;

/// <summary>`nodepools slots --output json`: which values path reaches which workload, the slots to declare, and what no path reaches.</summary>
public sealed record SlotsReport(
    string Release,
    string Chart,
    string Version,
    IReadOnlyList<string> Workloads,
    IReadOnlyList<PathReport> Paths,
    IReadOnlyList<SuggestedSlotReport> Slots,
    IReadOnlyList<string> Unreachable,
    string Yaml,
    IReadOnlyList<string> Refused)
{
    public static SlotsReport From(Discovery.Discovery discovery, SlotSuggestion suggestion) => new(
        discovery.Release.Name,
        discovery.Release.Spec.Chart,
        discovery.Release.Spec.Version,
        discovery.Workloads.Select(Describe).ToList(),
        discovery.Paths
            .OrderBy(p => p.Target.Path, StringComparer.Ordinal)
            .Select(p => new PathReport(p.Target.Display, Style(p.Target),
                p.Workloads.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => new PathWorkloadReport(w.Key, w.Value.Select(Key).ToList())).ToList()))
            .ToList(),
        suggestion.Slots.Select(s => new SuggestedSlotReport(s.Target.Display, Style(s.Target), s.NodeSelector, s.Affinity, s.DaemonSet, s.Workloads)).ToList(),
        suggestion.Unreachable,
        suggestion.Yaml(discovery.Release.Spec),
        discovery.Refused);

    public static string Style(PlacementTarget target) => target.Descriptor.Name;

    /// <summary>A workload as the report lists it: helm test pods marked, an operator's with the resource it comes from.</summary>
    private static string Describe(Workload workload) =>
        workload.Origin == WorkloadOrigin.Test ? $"{workload.Id} (helm test)"
        : workload.From is { } from ? $"{workload.Id} (from {from})"
        : workload.Id;

    public static string Key(PlacementKey key) => SlotStyles.PodFieldName(key);
}

public sealed record PathReport(string Path, string Style, IReadOnlyList<PathWorkloadReport> Workloads);

public sealed record PathWorkloadReport(string Workload, IReadOnlyList<string> Keys);

public sealed record SuggestedSlotReport(string Path, string Style, bool NodeSelector, bool Affinity, bool DaemonSet, IReadOnlyList<string> Workloads);
