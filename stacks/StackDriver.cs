using Pulumi.Automation;
using Pulumi.Automation.Events;

namespace NodePools.Stacks;

/// <summary>
/// One stack of the project on disk, driven through the Automation API: the Pulumi CLI runs the
/// program in infra/ exactly as `pulumi up` would, with whatever backend the user is logged into
/// (or PULUMI_BACKEND_URL, e.g. file://...). Engine output streams to the log as it happens.
/// </summary>
public sealed class StackDriver(string projectDirectory, string stack, TextWriter log)
{
    public Task<PreviewResult> PreviewAsync(Action<EngineEvent>? onEvent, CancellationToken cancellation) =>
        WithStackAsync((workspace, options) => workspace.PreviewAsync(options, cancellation), new PreviewOptions { Diff = true, OnEvent = onEvent }, cancellation);

    public Task<UpResult> UpAsync(CancellationToken cancellation) =>
        WithStackAsync((workspace, options) => workspace.UpAsync(options, cancellation), new UpOptions(), cancellation);

    public Task<UpdateResult> RefreshAsync(CancellationToken cancellation) =>
        WithStackAsync((workspace, options) => workspace.RefreshAsync(options, cancellation), new RefreshOptions(), cancellation);

    public Task<UpdateResult> DestroyAsync(CancellationToken cancellation) =>
        WithStackAsync((workspace, options) => workspace.DestroyAsync(options, cancellation), new DestroyOptions(), cancellation);

    private async Task<TResult> WithStackAsync<TOptions, TResult>(Func<WorkspaceStack, TOptions, Task<TResult>> operation, TOptions options,
        CancellationToken cancellation)
        where TOptions : UpdateOptions
    {
        if (PulumiCli.Find() is null)
            throw new PulumiCliMissingException();
        log.WriteLine($"Selecting stack {stack} in {Path.GetFullPath(projectDirectory)}…");
        using var workspace = await LocalWorkspace.CreateOrSelectStackAsync(new LocalProgramArgs(stack, projectDirectory), cancellation);
        options.OnStandardOutput = log.WriteLine;
        options.OnStandardError = log.WriteLine;
        return await operation(workspace, options);
    }
}
