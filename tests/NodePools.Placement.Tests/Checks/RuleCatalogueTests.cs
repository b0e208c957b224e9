using System.Text.RegularExpressions;
using NodePools.Placement.Checks;
using NodePools.Placement.Pipeline;
using NodePools.Tests.Shared;

namespace NodePools.Placement.Tests.Checks;

/// <summary>The catalogue of rules: one entry per rule id, and every finding reported under one of them.</summary>
public partial class RuleCatalogueTests
{
    [GeneratedRegex("^[a-z]+(-[a-z]+)*$")]
    private static partial Regex KebabCase();

    [Fact]
    public void Rule_ids_are_unique_kebab_case_and_documented()
    {
        Assert.Equal(Rules.All.Count, Rules.All.Select(rule => rule.Id).Distinct().Count());
        Assert.All(Rules.All, rule =>
        {
            Assert.Matches(KebabCase(), rule.Id);
            Assert.False(string.IsNullOrWhiteSpace(rule.Doc), rule.Id);
            Assert.Matches("^(error|warning|info)", rule.Severities);
        });
    }

    [Fact]
    public void Rules_of_a_stack_have_a_check_and_review_and_audit_rules_are_run_by_the_review_and_the_audit()
    {
        Assert.All(Rules.All.Where(rule => rule.Stage is RuleStage.Declaration or RuleStage.Rendered), rule => Assert.NotNull(rule.Check));
        Assert.All(Rules.All.Where(rule => rule.Stage is RuleStage.Review or RuleStage.Audit), rule => Assert.Null(rule.Check));
    }

    [Fact]
    public void Findings_of_a_review_come_under_review_rules()
    {
        // A NoExecute taint on the pool a slot runs on raises taint-before-toleration, a review rule.
        var tainted = StackText.Check(StackText.BasePools.Replace("labels: {role: system}", "labels: {role: system}\n      taints: [{key: drain, effect: NoExecute}]", StringComparison.Ordinal)
                                      + "\n" + StackText.Releases("r:\n  chart: c\n  repository: https://example.com\n  version: 1.0.0\n  namespace: ns\n  slots: [{path: a, intent: {pool: system}}]"));
        var before = StackText.Check(StackText.BasePools + "\n" + StackText.Releases("r:\n  chart: c\n  repository: https://example.com\n  version: 1.0.0\n  namespace: ns\n  slots: [{path: a, intent: {pool: system}}]"));
        var review = StackPipeline.Review(before, tainted);
        Assert.Contains(review.Findings, finding => finding.Rule == Rules.TaintBeforeToleration.Id);
        Assert.All(review.Findings, finding => Assert.Equal(RuleStage.Review, Rules.Find(finding.Rule)?.Stage));
    }

    [Fact]
    public void Every_finding_of_the_bundled_stacks_is_reported_under_a_rule_of_its_stage()
    {
        var findings = new[] { "dev", "prod" }
            .Select(stack => StackPipeline.Check(StackPipeline.PlanFromDirectory(Repository.Root, stack)))
            .Append(StackPipeline.Check(StackPipeline.PlanFromDirectory(Repository.Path("examples", "arcgis"), "scenarios")))
            .SelectMany(analysis => analysis.Findings)
            .ToList();
        Assert.NotEmpty(findings);
        Assert.All(findings, finding => Assert.Equal(RuleStage.Declaration, Rules.Find(finding.Rule)?.Stage));
    }
}
