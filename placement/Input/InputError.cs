namespace NodePools.Placement.Input;

/// <summary>
/// One problem with a user's file: where it is (file, optional document, line and column), the key or
/// field it concerns, and the rule it breaks, in words a user can act on.
/// </summary>
public sealed record InputError(string File, string Field, string Message)
{
    public int? Line { get; init; }
    public int? Column { get; init; }

    /// <summary>1-based index of the YAML/JSON document in a multi-document file.</summary>
    public int? Document { get; init; }

    /// <summary>Compiler style, so editors and CI annotate it: <c>file:line:col: document N, field: message</c>.</summary>
    public override string ToString()
    {
        var location = Line is { } line ? $"{File}:{line}:{Column ?? 1}" : File;
        var document = Document is { } index ? $"document {index}, " : "";
        var field = Field.Length > 0 ? $"{Field}: " : "";
        return $"{location}: {document}{field}{Message}";
    }
}

/// <summary>Input that cannot be used. Carries every problem found, not just the first.</summary>
public sealed class InvalidInputException(IReadOnlyList<InputError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public InvalidInputException(InputError error) : this([error]) { }

    public IReadOnlyList<InputError> Errors { get; } = errors;
}
