using NodePools.Placement.Input;

namespace NodePools.Placement.Manifests;

/// <summary>
/// What a manifest file held, plus warnings: objects the API server would reject but the scheduler
/// still evaluates (its rules decide what such a field does, e.g. an unknown operator tolerates nothing).
/// </summary>
public sealed record ReadResult<T>(IReadOnlyList<T> Items, IReadOnlyList<InputError> Warnings)
{
    /// <summary>Objects passed over because they carry no pods (a Service, a ConfigMap in `helm template` output), by kind.</summary>
    public IReadOnlyDictionary<string, int> Skipped { get; init; } = new Dictionary<string, int>();

    /// <summary>"skipped 3 object(s) that carry no pod template: Service ×2, ConfigMap", or null when none were.</summary>
    public string? SkippedNote => Skipped.Count == 0 ? null
        : $"skipped {Skipped.Values.Sum()} object(s) that carry no pod template: "
          + string.Join(", ", Skipped.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal)
              .Select(pair => pair.Value == 1 ? pair.Key : $"{pair.Key} ×{pair.Value}"));
}
