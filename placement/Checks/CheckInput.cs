using NodePools.Placement.Verdicts;

namespace NodePools.Placement.Checks;

/// <summary>
/// What the checks read: every declared slot's verdicts, and — when the charts were rendered — every
/// rendered workload's. <see cref="RenderRequired"/>: rendering was asked for, so a chart that
/// cannot be had is an error rather than a warning.
/// </summary>
public sealed record CheckInput(StackVerdicts Stack, RenderedEvaluation? Rendered, bool RenderRequired = false);
