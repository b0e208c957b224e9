using NodePools.Components;
using NodePools.Placement.Declaration;
using NodePools.Placement.Deployment;
using NodePools.Placement.Input;
using NodePools.Placement.Pipeline;
using Pulumi;
using NodePools.Placement.Checks;
using Aws = Pulumi.Aws;

namespace NodePools.Infra;

/// <summary>
/// The program: the stack config goes through the same parser, validator and checks as
/// `nodepools plan`; only a valid plan without error findings becomes resources, in the zones the
/// account offers for it.
/// </summary>
public static class NodePoolsProgram
{
    public static Task<IDictionary<string, object?>> RunAsync(Config config, string project, string stack) =>
        RunAsync(config, project, stack, message => Log.Warn(message));

    /// <param name="warn">Where warnings go: the engine's log, or a test's list.</param>
    public static async Task<IDictionary<string, object?>> RunAsync(Config config, string project, string stack, Action<string> warn)
    {
        var analysis = Plan(config, project, stack);
        // Neither aws:region, the zones nor the environment named the region (a profile's, say): the
        // provider knows it, and the autoscaler must be told it rather than the placeholder.
        if (analysis.Declaration.Cluster.Region is null && analysis.Declaration.AutoscalerRuns)
            analysis = Plan(config, project, stack, await ProviderRegionAsync().ConfigureAwait(false));
        foreach (var finding in analysis.Findings.Where(f => f.Severity != Severity.Info))
            warn($"{finding.Rule}: {finding.Subject} {finding.Message}");
        var account = await AccountFacts.ReadAsync(analysis.Plan, warn).ConfigureAwait(false);
        return StackResources.Create(analysis, account).Outputs();
    }

    /// <summary>The region the default aws provider deploys to.</summary>
    private static async Task<string> ProviderRegionAsync()
    {
        var region = (await Aws.GetRegion.InvokeAsync().ConfigureAwait(false)).Region;
        return string.IsNullOrEmpty(region)
            ? throw new RunException($"The aws provider names no region: set {DeclarationParser.RegionKey} (pulumi config set aws:region us-east-1)")
            : region;
    }

    /// <summary>Plans and checks the stack from Pulumi config, or stops the program with the reasons (no resources registered).</summary>
    /// <param name="providerRegion">The aws provider's region, where the stack itself names none.</param>
    public static StackAnalysis Plan(Config config, string project, string stack, string? providerRegion = null)
    {
        StackAnalysis analysis;
        try
        {
            analysis = StackPipeline.Check(StackPipeline.PlanFromConfig(project, stack, config.Get, new Config("aws").Get("region") ?? providerRegion));
        }
        catch (InvalidInputException ex)
        {
            throw new RunException($"The stack declaration is invalid:{Environment.NewLine}{string.Join(Environment.NewLine, ex.Errors.Select(e => $"  {e}"))}");
        }

        var errors = analysis.Findings.Where(f => f.Severity == Severity.Error).ToList();
        if (errors.Count > 0 && !ErrorFindingsOverride.IsSet)
        {
            throw new RunException("The placement checks found errors (run `nodepools check " + stack + "`):" + Environment.NewLine
                                   + string.Join(Environment.NewLine, errors.Select(f => $"  {f.Rule}: {f.Subject} {f.Message}")));
        }
        return analysis;
    }
}
