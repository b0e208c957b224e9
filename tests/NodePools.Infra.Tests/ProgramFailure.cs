using NodePools.Tests.Shared;
using Pulumi;
using Pulumi.Testing;

namespace NodePools.Infra.Tests;

/// <summary>The dev program run under mocks where it must fail: every message the failure carries.</summary>
internal static class ProgramFailure
{
    public static async Task<string> MessagesAsync(EchoMocks mocks)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => Deployment.TestAsync(mocks,
            new TestOptions { IsPreview = false, ProjectName = "node-pools", StackName = "dev" },
            () => NodePoolsProgram.RunAsync(new Config(), "node-pools", "dev")));
        return Flatten(failure);
    }

    private static string Flatten(Exception exception) => exception is AggregateException aggregate
        ? string.Join("\n", aggregate.Flatten().InnerExceptions.Select(e => e.Message))
        : exception.Message + (exception.InnerException is { } inner ? "\n" + Flatten(inner) : "");
}
