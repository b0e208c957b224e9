using Pulumi.Automation;
using Pulumi.Automation.Commands.Exceptions;
using Pulumi.Automation.Events;

namespace NodePools.Stacks;

/// <summary>
/// One stack of the project on disk, driven through the Automation API: the Pulumi CLI runs the
/// program in infra/ exactly as `pulumi up` would, with whatever backend the user is logged into
/// (or PULUMI_BACKEND_URL, e.g. file://...). Engine output streams to the log as it happens; an
/// interrupt cancels the engine's operation as the CLI's own Ctrl+C does (<see cref="EngineInterrupt"/>).
/// </summary>
public sealed class StackDriver(string projectDirectory, string stack, TextWriter log)
{
    public Task<PreviewResult> PreviewAsync(Action<EngineEvent>? onEvent, CancellationToken cancellation) =>
        WithStackAsync((workspace, options, ct) => workspace.PreviewAsync(options, ct), new PreviewOptions { Diff = true, OnEvent = onEvent }, cancellation);

    public Task<UpResult> UpAsync(CancellationToken cancellation) =>
        WithStackAsync((workspace, options, ct) => workspace.UpAsync(options, ct), UpOptions(), cancellation);

    /// <summary>
    /// Every `up` refreshes first: under ignoreChanges Pulumi still sends the desired size stored in
    /// state with any change to a node group's scaling config, so without reading the autoscaler's
    /// current size a raised max would set the group back and terminate nodes at once.
    /// </summary>
    public static UpOptions UpOptions() => new() { Refresh = true };

    public Task<UpdateResult> RefreshAsync(CancellationToken cancellation) =>
        WithStackAsync((workspace, options, ct) => workspace.RefreshAsync(options, ct), new RefreshOptions(), cancellation);

    /// <summary>Destroys the stack, unless it holds protected resources (<see cref="ProtectedResources"/>) and the destroy is not forced: then nothing is deleted.</summary>
    public Task<UpdateResult> DestroyAsync(bool force, CancellationToken cancellation) =>
        WithStackAsync(async (workspace, options, ct) =>
        {
            var exported = await workspace.ExportStackAsync(ct);
            if (ProtectedResources.Refusal(stack, ProtectedResources.In(exported.Json), force) is { } refusal)
                throw new DestroyRefusedException(refusal);
            return await workspace.DestroyAsync(options, ct);
        }, new DestroyOptions(), cancellation);

    private async Task<TResult> WithStackAsync<TOptions, TResult>(Func<WorkspaceStack, TOptions, CancellationToken, Task<TResult>> operation,
        TOptions options, CancellationToken cancellation)
        where TOptions : UpdateOptions
    {
        if (PulumiCli.Find() is null)
            throw new PulumiCliMissingException();
        log.WriteLine($"Selecting stack {stack} in {Path.GetFullPath(projectDirectory)}…");
        using var workspace = await LocalWorkspace.CreateOrSelectStackAsync(new LocalProgramArgs(stack, projectDirectory), cancellation);

        // Cancelling the Automation API's token kills the engine's process tree: only a second interrupt does that.
        using var terminate = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using var interrupt = EngineInterrupt.Listen(log, terminate.Cancel);
        void Echo(string line)
        {
            interrupt.OnEngineOutput(line);
            log.WriteLine(line);
        }
        options.OnStandardOutput = Echo;
        options.OnStandardError = Echo;
        try
        {
            return await operation(workspace, options, terminate.Token);
        }
        catch (Exception ex) when (interrupt.Outcome != InterruptOutcome.None && ex is CommandException or OperationCanceledException)
        {
            throw new EngineInterruptedException(interrupt.Outcome, EngineInterrupt.NextSteps(interrupt.Outcome, stack));
        }
    }
}

/// <summary>The engine's operation ended because the user interrupted it; the message says what to do next.</summary>
public sealed class EngineInterruptedException(InterruptOutcome outcome, string nextSteps) : Exception(nextSteps)
{
    public InterruptOutcome Outcome { get; } = outcome;
}

/// <summary>A destroy refused before anything was deleted; the message lists what is protected and what to do.</summary>
public sealed class DestroyRefusedException(string message) : Exception(message);
