using System.Collections.Concurrent;
using System.Collections.Immutable;
using NodePools.Tests.Shared;
using Pulumi;
using Pulumi.Testing;
using Pulumi.Utilities;

namespace NodePools.Infra.Tests;

/// <summary>
/// The program as the engine runs it, in a stack whose transformation sees every resource with the
/// options it is registered with (protect, retainOnDelete, ignoreChanges, dependsOn): what reaches
/// the engine besides the inputs the mocks record.
/// </summary>
public sealed class RecordingStack : Stack
{
    private static string _stack = "dev";
    private static readonly ConcurrentDictionary<(string Type, string Name), ResourceOptions> Recorded = new();

    public RecordingStack()
        : base(new StackOptions { ResourceTransformations = { Record } })
    {
        // The engine's runner waits for the program the same way.
        NodePoolsProgram.RunAsync(new Config(), "node-pools", _stack).GetAwaiter().GetResult();
    }

    private static ResourceTransformationResult? Record(ResourceTransformationArgs args)
    {
        Recorded[(args.Resource.GetResourceType(), args.Resource.GetResourceName())] = args.Options;
        return null;
    }

    /// <summary>Runs the stack under mocks; returns the mocks and what each resource was registered with.</summary>
    public static async Task<(EchoMocks Mocks, IReadOnlyDictionary<(string Type, string Name), ResourceOptions> Options)> Run(string stack)
    {
        StackConfig.Use(StackConfig.FromStackFile(stack));
        _stack = stack;
        Recorded.Clear();
        var mocks = new EchoMocks();
        await Deployment.TestAsync<RecordingStack>(mocks, new TestOptions { IsPreview = false, ProjectName = "node-pools", StackName = stack });
        return (mocks, Recorded.ToDictionary());
    }

    /// <summary>The (type, name) of each resource an option set depends on.</summary>
    public static async Task<IReadOnlyList<(string Type, string Name)>> DependsOn(ResourceOptions options)
    {
        var resources = await OutputUtilities.GetValueAsync(((Input<ImmutableArray<Resource>>)options.DependsOn).ToOutput());
        return resources.Select(r => (r.GetResourceType(), r.GetResourceName())).ToList();
    }
}
