namespace NodePools.Placement.Deployment;

/// <summary>
/// The one way past the placement checks: `nodepools-stacks up --force` sets this variable for the
/// program it runs, which then deploys despite error findings (never despite invalid input).
/// </summary>
public static class ErrorFindingsOverride
{
    public const string Variable = "NODEPOOLS_ALLOW_ERROR_FINDINGS";

    public static bool IsSet => Environment.GetEnvironmentVariable(Variable) == "1";
}
