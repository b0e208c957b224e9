using System.Text.RegularExpressions;
using NodePools.Placement.Declaration;
using NodePools.Placement.Rendering;

namespace NodePools.Placement.Workloads;

/// <summary>Where the markers written by <see cref="Markers"/> landed in what a chart rendered.</summary>
public static partial class MarkerReach
{
    [GeneratedRegex(@"np-marker-(\d{4})")]
    private static partial Regex TokenPattern();

    /// <summary>The tokens found in a piece of rendered text.</summary>
    public static IEnumerable<string> Tokens(string text) =>
        text.Contains(Markers.TokenPrefix, StringComparison.Ordinal) ? TokenPattern().Matches(text).Select(match => match.Value) : [];

    /// <summary>For each workload, the markers that reached it, through which of its placement keys.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<Marker>> Reach(IReadOnlyList<Workload> workloads, IReadOnlyList<Marker> markers)
    {
        var reach = new Dictionary<string, IReadOnlyList<Marker>>(StringComparer.Ordinal);
        foreach (var workload in workloads)
        {
            var found = new List<Marker>();
            foreach (var key in SlotStyles.Keys)
            {
                var tokens = Tokens(workload.PlacementText(SlotStyles.PodFieldName(key))).ToHashSet(StringComparer.Ordinal);
                found.AddRange(markers.Where(marker => marker.Key == key && tokens.Contains(marker.Token)));
            }
            reach[workload.Id] = found;
        }
        return reach;
    }
}
