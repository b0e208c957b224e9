using NodePools.Placement.Checks;

namespace NodePools.Placement.Reports;

/// <summary>The catalogue of rules as data: what `nodepools rules` prints, and the README's findings table.</summary>
public sealed record RulesReport(IReadOnlyList<RuleReport> Rules)
{
    public static RulesReport From(IEnumerable<Rule> rules) =>
        new(rules.Select(rule => new RuleReport(rule.Id, Stage(rule.Stage), rule.Severities, rule.Doc)).ToList());

    /// <summary>"declaration", "rendered", "review", "cluster": where each rule looks.</summary>
    public static string Stage(RuleStage stage) => stage switch
    {
        RuleStage.Rendered => "rendered",
        RuleStage.Review => "review",
        RuleStage.Audit => "cluster",
        _ => "declaration",
    };

    /// <summary>The catalogue as a Markdown table, one row per rule.</summary>
    public string Markdown() =>
        Reports.Markdown.Table(["rule", "reads", "severity", "when"],
            Rules.Select(rule => (IReadOnlyList<string>)[Reports.Markdown.Code(rule.Id), rule.Stage, Reports.Markdown.Cell(rule.Severity), Reports.Markdown.Cell(rule.Doc)]));
}

public sealed record RuleReport(string Id, string Stage, string Severity, string Doc);
