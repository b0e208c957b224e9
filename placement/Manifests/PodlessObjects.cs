using NodePools.Placement.Input;
using NodePools.Placement.Models;

namespace NodePools.Placement.Manifests;

/// <summary>
/// Objects of kinds that carry no pod template (`helm template` output holds Services, ConfigMaps,
/// RBAC...): counted and passed over. A file with nothing but such objects is still refused, at its
/// first one: it was almost certainly the wrong file.
/// </summary>
internal sealed class PodlessObjects
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private InputError? _first;
    private string? _firstKind;
    private bool _podBearing;

    public IReadOnlyDictionary<string, int> Counts => _counts;

    /// <summary>An object passed over, with where it is (for the refusal when nothing else is in the file).</summary>
    public void Add(string kind, InputError at)
    {
        _counts[kind] = _counts.GetValueOrDefault(kind) + 1;
        if (_first is null)
            (_first, _firstKind) = (at, kind);
    }

    /// <summary>An object of a kind that carries pods was seen (whether or not it could be read).</summary>
    public void PodBearing() => _podBearing = true;

    public void RefuseIfNothingElse(List<InputError> errors)
    {
        if (!_podBearing && _first is not null)
            errors.Add(_first with { Message = $"kind \"{_firstKind}\" has no pod template, and no object in the file has one; expected one of {WorkloadModels.KindList}" });
    }
}
