namespace NodePools.Placement.Checks;

/// <summary>What a rule reads: the declared slots, what the charts render, two versions of a stack, or the running cluster.</summary>
public enum RuleStage { Declaration, Rendered, Review, Audit }

/// <summary>
/// One rule of the catalogue (<see cref="Rules"/>): its stable id (for suppression and CI), the stage
/// it reads, the severities it reports at, one line of doc, and the check that finds it. Review
/// rules compare two stacks and are run by the review, audit rules read a cluster and are run by the audit, not by <see cref="StackChecks"/>.
/// </summary>
public sealed record Rule(string Id, RuleStage Stage, string Severities, string Doc)
{
    public Func<CheckInput, IEnumerable<Finding>>? Check { get; init; }

    public Finding Error(string subject, string message) => At(Severity.Error, subject, message);

    public Finding Warning(string subject, string message) => At(Severity.Warning, subject, message);

    public Finding Info(string subject, string message) => At(Severity.Info, subject, message);

    public Finding At(Severity severity, string subject, string message) => new(severity, Id, subject, message);
}
