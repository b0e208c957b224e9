using System.Collections.Concurrent;
using NodePools.Tests.Shared;
using Pulumi;
using Pulumi.Testing;

namespace NodePools.Infra.Tests;

/// <summary>The program run under mocks with the stack config already in place: what it warned, and the mocks that saw what reached the engine.</summary>
internal static class ProgramRun
{
    public static async Task<(EchoMocks Mocks, IReadOnlyList<string> Warnings)> RunAsync(string stack, MockAccount? account = null)
    {
        var mocks = new EchoMocks(account);
        var warnings = new ConcurrentQueue<string>();
        await Deployment.TestAsync(mocks, new TestOptions { IsPreview = false, ProjectName = "node-pools", StackName = stack },
            () => NodePoolsProgram.RunAsync(new Config(), "node-pools", stack, warnings.Enqueue));
        return (mocks, [.. warnings]);
    }
}
