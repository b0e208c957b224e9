namespace NodePools.Placement.Checks;

/// <summary>Runs every rule of the catalogue that reads a stack; errors first, then warnings, then information.</summary>
public static class StackChecks
{
    public static IReadOnlyList<Finding> Run(CheckInput input) =>
        Sorted(Rules.All.Where(rule => rule.Check is not null).SelectMany(rule => Checked(rule, input)));

    /// <summary>Findings in report order: severity, then rule, then subject (stable within a rule).</summary>
    public static IReadOnlyList<Finding> Sorted(IEnumerable<Finding> findings) =>
        findings
            .OrderByDescending(finding => finding.Severity)
            .ThenBy(finding => finding.Rule, StringComparer.Ordinal)
            .ThenBy(finding => finding.Subject, StringComparer.Ordinal)
            .ToList();

    /// <summary>A rule's findings, held to its id: a check reports under its own rule only.</summary>
    private static IEnumerable<Finding> Checked(Rule rule, CheckInput input)
    {
        if (rule.Stage == RuleStage.Rendered && input.Rendered is null)
            yield break;
        foreach (var finding in rule.Check!(input))
        {
            if (finding.Rule != rule.Id)
                throw new InvalidOperationException($"the check of rule {rule.Id} reported a finding of rule {finding.Rule}");
            yield return finding;
        }
    }
}
