namespace NodePools.Placement.Checks;

public enum Severity { Info, Warning, Error }

/// <summary>
/// One result of the checks: a severity, a stable rule id (for suppression and CI), what it is
/// about, and a sentence a reviewer understands, with the fix where there is one.
/// </summary>
public sealed record Finding(Severity Severity, string Rule, string Subject, string Message)
{
    public string? Fix { get; init; }
}
