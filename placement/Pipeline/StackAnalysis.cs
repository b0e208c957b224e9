using NodePools.Placement.Checks;
using NodePools.Placement.Declaration;
using NodePools.Placement.Planning;
using NodePools.Placement.Verdicts;

namespace NodePools.Placement.Pipeline;

/// <summary>
/// What the stages made of a stack: the plan, every declared slot's verdicts, what the charts render
/// evaluated against every pool (or why that was skipped), and every finding, errors first.
/// </summary>
public sealed record StackAnalysis(StackVerdicts Verdicts, RenderedEvaluation? Rendered, IReadOnlyList<Finding> Findings, string? Skipped)
{
    public StackPlan Plan => Verdicts.Plan;

    public StackDeclaration Declaration => Plan.Declaration;
    public IReadOnlyList<PoolPlan> Pools => Plan.Pools;
    public IReadOnlyList<ReleasePlan> Releases => Plan.Releases;

    /// <summary>Every declared slot with its verdicts, in the plan's slot order.</summary>
    public IReadOnlyList<EvaluatedSlot> Slots => Verdicts.Slots;

    public PoolPlan Pool(string name) => Plan.Pool(name);

    public bool HasErrors => Findings.Any(finding => finding.Severity == Severity.Error);

    /// <summary>The findings about what the charts render.</summary>
    public IReadOnlyList<Finding> RenderedFindings => Findings.Where(finding => Rules.Find(finding.Rule)?.Stage == RuleStage.Rendered).ToList();
}
