using NodePools.Components;
using NodePools.Placement.Declaration;
using NodePools.Placement.Deployment;
using NodePools.Placement.Input;
using NodePools.Placement.Pipeline;
using Pulumi;
using NodePools.Placement.Checks;

namespace NodePools.Infra;

/// <summary>
/// The program: the stack config goes through the same parser, validator and checks as
/// `nodepools plan`; only a valid plan without error findings becomes resources, in the zones the
/// account offers for it.
/// </summary>
public static class NodePoolsProgram
{
    public static async Task<IDictionary<string, object?>> RunAsync(Config config, string project, string stack)
    {
        var analysis = Plan(config, project, stack);
        var zones = await ZoneDiscovery.ZonesAsync(analysis.Plan).ConfigureAwait(false);
        return StackResources.Create(analysis, zones).Outputs();
    }

    /// <summary>Plans and checks the stack from Pulumi config, or stops the program with the reasons (no resources registered).</summary>
    public static StackAnalysis Plan(Config config, string project, string stack)
    {
        StackAnalysis plan;
        try
        {
            plan = StackPipeline.Check(StackPipeline.PlanFromConfig(project, stack, config.Get, DeclarationParser.Region(new Config("aws").Get("region"))));
        }
        catch (InvalidInputException ex)
        {
            throw new RunException($"The stack declaration is invalid:{Environment.NewLine}{string.Join(Environment.NewLine, ex.Errors.Select(e => $"  {e}"))}");
        }

        var errors = plan.Findings.Where(f => f.Severity == Severity.Error).ToList();
        if (errors.Count > 0 && !ErrorFindingsOverride.IsSet)
        {
            throw new RunException("The placement checks found errors (run `nodepools check " + stack + "`):" + Environment.NewLine
                                   + string.Join(Environment.NewLine, errors.Select(f => $"  {f.Rule}: {f.Subject} {f.Message}")));
        }
        foreach (var finding in plan.Findings.Where(f => f.Severity != Severity.Info))
            Log.Warn($"{finding.Rule}: {finding.Subject} {finding.Message}");
        return plan;
    }
}
