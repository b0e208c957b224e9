using NodePools.Placement.Scheduling;

namespace NodePools.Placement.Verdicts;

/// <summary>A pod against one pool's node template: whether it fits, and why not.</summary>
public sealed record SlotVerdict(string Pool, PairVerdict Verdict);
