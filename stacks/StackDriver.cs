using Pulumi.Automation;
using Pulumi.Automation.Events;

namespace NodePools.Stacks;

/// <summary>
/// One stack of the project on disk, driven through the Automation API: the Pulumi CLI runs the
/// program in infra/ exactly as `pulumi up` would, with whatever backend the user is logged into
/// (or PULUMI_BACKEND_URL, e.g. file://...).
/// </summary>
public sealed class StackDriver(string projectDirectory, string stack, TextWriter log)
{
    public async Task<WorkspaceStack> SelectAsync(CancellationToken cancellation)
    {
        if (PulumiCli.Find() is null)
            throw new PulumiCliMissingException();
        log.WriteLine($"Selecting stack {stack} in {Path.GetFullPath(projectDirectory)}…");
        return await LocalWorkspace.CreateOrSelectStackAsync(new LocalProgramArgs(stack, projectDirectory), cancellation);
    }

    public async Task<PreviewResult> PreviewAsync(Action<EngineEvent>? onEvent, CancellationToken cancellation)
    {
        using var workspace = await SelectAsync(cancellation);
        return await workspace.PreviewAsync(new PreviewOptions
        {
            Diff = true,
            OnStandardOutput = log.WriteLine,
            OnStandardError = log.WriteLine,
            OnEvent = onEvent,
        }, cancellation);
    }

    public async Task<UpResult> UpAsync(CancellationToken cancellation)
    {
        using var workspace = await SelectAsync(cancellation);
        return await workspace.UpAsync(new UpOptions
        {
            OnStandardOutput = log.WriteLine,
            OnStandardError = log.WriteLine,
        }, cancellation);
    }

    public async Task<UpdateResult> RefreshAsync(CancellationToken cancellation)
    {
        using var workspace = await SelectAsync(cancellation);
        return await workspace.RefreshAsync(new RefreshOptions
        {
            OnStandardOutput = log.WriteLine,
            OnStandardError = log.WriteLine,
        }, cancellation);
    }

    public async Task<UpdateResult> DestroyAsync(CancellationToken cancellation)
    {
        using var workspace = await SelectAsync(cancellation);
        return await workspace.DestroyAsync(new DestroyOptions
        {
            OnStandardOutput = log.WriteLine,
            OnStandardError = log.WriteLine,
        }, cancellation);
    }
}
