using System.CommandLine;
using NodePools.Cli.Commands;
using NodePools.Placement.Input;

namespace NodePools.Cli;

/// <summary>The `nodepools` command line: parses arguments, runs a command, maps every outcome to an exit code.</summary>
public static class NodePoolsCli
{
    public static int Run(string[] args, CliContext context)
    {
        var root = new RootCommand("nodepools: plan, check, diff and explain where every pod of an EKS node-pool stack lands, audit the running cluster against it, discover the slots of a chart, and list the rules findings come under.")
        {
            PlanCommand.Create(context, findingsOnly: false),
            PlanCommand.Create(context, findingsOnly: true),
            DiffCommand.Create(context),
            SlotsCommand.Create(context),
            ExplainCommand.Create(context),
            RulesCommand.Create(context),
            AuditCommand.Create(context),
            PostrenderCommand.Create(context),
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
                context.Error.WriteLine($"error: {error.Message}");
            context.Error.WriteLine("Run 'nodepools --help' for usage.");
            return ExitCodes.InvalidInput;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration
            {
                Output = context.Output,
                Error = context.Error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (InvalidInputException ex)
        {
            foreach (var error in ex.Errors)
                context.Error.WriteLine($"error: {error}");
            return ExitCodes.InvalidInput;
        }
        catch (Exception ex) when (Environment.GetEnvironmentVariable("NODEPOOLS_DEBUG") is null)
        {
            context.Error.WriteLine($"internal error: {ex.GetType().Name}: {ex.Message}");
            context.Error.WriteLine("This is a defect in nodepools; set NODEPOOLS_DEBUG=1 to see where it happened.");
            return ExitCodes.InternalError;
        }
    }
}
