using System.CommandLine;
using NodePools.Placement.Deployment;
using NodePools.Placement.Input;
using NodePools.Placement.Pipeline;
using NodePools.Placement.Planning;
using NodePools.Placement.Rendering;
using NodePools.Placement.Reports;
using NodePools.Placement.Review;
using Pulumi.Automation.Commands.Exceptions;
using NodePools.Placement.Checks;

namespace NodePools.Stacks;

/// <summary>
/// `nodepools-stacks preview|up|refresh|destroy STACK` and `review STACK --base FILE`. Exit codes:
/// 0 done; 1 the engine failed or the stack has error findings; 2 invalid input; 3 no pulumi CLI;
/// 130 interrupted (the engine cancelled its operation, or was stopped by a second interrupt).
/// </summary>
public static class StackCommands
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int InvalidInput = 2;
    public const int NoPulumiCli = 3;
    public const int Interrupted = 130;

    /// <summary>
    /// Interrupts are the engine's to handle (<see cref="EngineInterrupt"/>), so System.CommandLine's own
    /// handler — which cancels the action's token, and so kills the engine — stays off.
    /// </summary>
    public static readonly InvocationConfiguration Invocation = new() { ProcessTerminationTimeout = null };

    public static RootCommand Create(TextWriter output, TextWriter log)
    {
        var stack = new Argument<string>("STACK") { Description = "The stack: Pulumi.STACK.yaml holds its declaration (dev, prod)." };
        var directory = new Option<string>("--dir", "-C") { Description = "The project directory (Pulumi.yaml).", DefaultValueFactory = _ => "." };
        var force = new Option<bool>("--force") { Description = "Deploy even when the placement checks report errors." };
        var baseFile = new Option<string>("--base") { Description = "The stack file as it is on the base branch.", Required = true };
        var outputFile = new Option<string?>("--output", "-o") { Description = "Write the review Markdown to this file instead of standard output." };
        var charts = new Option<string?>("--charts")
        {
            Description = "A folder of charts to render from instead of their repositories (helm pull --untar output or CHART-VERSION.tgz files).",
            HelpName = "DIR",
        };
        var noRender = new Option<bool>("--no-render") { Description = "Do not render the charts (by default they are, when helm is on PATH)." };
        var forceDestroy = new Option<bool>("--force") { Description = "Destroy what is not protected even though the stack has protected resources." };

        Command Operation(string verb, string description, Func<StackDriver, ParseResult, CancellationToken, Task> run, bool forceable = false, Option<bool>? forceOption = null)
        {
            var command = new Command(verb, description) { stack, directory };
            if (forceable)
                command.Options.Add(force);
            if (forceOption is not null)
                command.Options.Add(forceOption);
            command.SetAction((parse, cancellation) => Guarded(log, async () =>
            {
                var dir = parse.GetRequiredValue(directory);
                var stackName = parse.GetRequiredValue(stack);
                var plan = StackPipeline.Check(StackPipeline.PlanFromDirectory(dir, stackName));
                if (forceable && plan.HasErrors)
                {
                    foreach (var finding in plan.Findings.Where(f => f.Severity == Severity.Error))
                        log.WriteLine($"error: {finding.Rule}: {finding.Subject} {finding.Message}");
                    if (!parse.GetValue(force))
                    {
                        log.WriteLine("Refusing to deploy a stack with error findings (see `nodepools check`); --force deploys anyway.");
                        return Failed;
                    }
                    Environment.SetEnvironmentVariable(ErrorFindingsOverride.Variable, "1");
                }
                await run(new StackDriver(dir, stackName, log), parse, cancellation);
                return Ok;
            }));
            return command;
        }

        var review = new Command("review", "Preview with diff plus the placement review, as one Markdown document for a pull-request comment.")
        {
            stack, directory, baseFile, outputFile, charts, noRender,
        };
        review.SetAction((parse, cancellation) => Guarded(log, async () =>
        {
            var dir = parse.GetRequiredValue(directory);
            var stackName = parse.GetRequiredValue(stack);
            var current = StackPipeline.PlanFromDirectory(dir, stackName);
            var before = StackPlanner.Plan(StackFiles.ReadStackFile(StackFiles.ProjectName(dir), stackName, parse.GetRequiredValue(baseFile)));
            var render = RenderSetupFor(parse.GetValue(noRender), parse.GetValue(charts));
            var renderedBefore = await StackPipeline.AnalyzeAsync(before, render, cancellation: cancellation);
            var renderedNow = await StackPipeline.AnalyzeAsync(current, render, cancellation: cancellation);
            var placement = StackPipeline.Review(renderedBefore, renderedNow);
            if (renderedNow.Skipped is { } skipped && !parse.GetValue(noRender))
                log.WriteLine($"note: {skipped}");

            var steps = new PreviewSteps();
            var preview = await new StackDriver(dir, stackName, log).PreviewAsync(steps.OnEvent, cancellation);
            var document = ReviewDocument.Render(current.Declaration.Project, stackName, PreviewSteps.Summary(preview.ChangeSummary), steps.Steps,
                DiffReport.From(placement, current, parse.GetRequiredValue(baseFile)).WithRendering(renderedBefore, renderedNow));

            if (parse.GetValue(outputFile) is { } file)
                await File.WriteAllTextAsync(file, document, cancellation);
            else
                output.Write(document);
            return placement.HasErrors || renderedNow.HasErrors ? Failed : Ok;
        }));

        return new RootCommand("nodepools-stacks: preview, deploy and review the node-pools stacks through the Pulumi Automation API.")
        {
            Operation("preview", "Preview the stack's changes with diff.", (driver, _, ct) => driver.PreviewAsync(null, ct)),
            Operation("up", "Refresh, then deploy the stack; refuses when the placement checks report errors, unless --force.", (driver, _, ct) => driver.UpAsync(ct), forceable: true),
            Operation("refresh", "Refresh the stack's state from the cloud.", (driver, _, ct) => driver.RefreshAsync(ct)),
            Operation("destroy", "Destroy the stack's resources; refuses before deleting anything when the stack has protected resources, unless --force.",
                (driver, parse, ct) => driver.DestroyAsync(parse.GetValue(forceDestroy), ct), forceOption: forceDestroy),
            review,
        };
    }

    /// <summary>Maps every outcome to an exit code and a message, never a stack trace.</summary>
    /// <summary>--no-render and --charts completed into what the pipeline renders with: helm from PATH, when there is one.</summary>
    private static RenderSetup RenderSetupFor(bool noRender, string? charts)
    {
        if (noRender)
            return RenderSetup.Skip("rendering was turned off (--no-render): only the declared slots were checked");
        if (charts is not null && !Directory.Exists(charts))
            throw new InvalidInputException(new InputError(charts, "--charts", "no such folder: it should hold the charts (helm pull --untar output or .tgz files)"));
        return HelmRunner.Locate() is { } helm
            ? RenderSetup.With(helm, new RenderOptions { ChartsDirectory = charts }, required: false)
            : RenderSetup.Skip("helm is not on PATH: the charts were not rendered, so only the declared slots were checked (install helm, or pass --no-render to say so)");
    }

    private static async Task<int> Guarded(TextWriter log, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (InvalidInputException ex)
        {
            foreach (var error in ex.Errors)
                log.WriteLine($"error: {error}");
            return InvalidInput;
        }
        catch (DestroyRefusedException ex)
        {
            log.WriteLine(ex.Message);
            return Failed;
        }
        catch (EngineInterruptedException ex)
        {
            log.WriteLine(ex.Message);
            return Interrupted;
        }
        catch (CommandException ex)
        {
            log.WriteLine($"error: pulumi failed: {ex.Message}");
            return Failed;
        }
        catch (Exception ex) when (ex is PulumiCliMissingException or System.ComponentModel.Win32Exception
                                   || ex.InnerException is System.ComponentModel.Win32Exception)
        {
            log.WriteLine($"error: the pulumi CLI could not be started: {PulumiCli.InstallHint}");
            return NoPulumiCli;
        }
    }
}
