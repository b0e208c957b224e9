using NodePools.Placement.Input;

namespace NodePools.Placement.Manifests;

/// <summary>
/// What a manifest file held, plus warnings: objects the API server would reject but the scheduler
/// still evaluates (its rules decide what such a field does, e.g. an unknown operator tolerates nothing).
/// </summary>
public sealed record ReadResult<T>(IReadOnlyList<T> Items, IReadOnlyList<InputError> Warnings);
