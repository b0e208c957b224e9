namespace NodePools.Cli;

/// <summary>The exit codes every `nodepools` command shares (docs/design.md, contracts).</summary>
public static class ExitCodes
{
    /// <summary>Evaluated; no error findings.</summary>
    public const int Ok = 0;

    /// <summary>Evaluated; at least one error finding.</summary>
    public const int Findings = 1;

    /// <summary>The input could not be used: the message names the file, the key and the rule.</summary>
    public const int InvalidInput = 2;

    /// <summary>A defect in nodepools itself (set NODEPOOLS_DEBUG=1 for the stack trace).</summary>
    public const int InternalError = 70;
}
