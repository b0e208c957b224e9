using System.Collections.Concurrent;
using System.Collections.Immutable;
using Pulumi.Testing;

namespace NodePools.Tests.Shared;

/// <summary>
/// Pulumi mocks that echo every resource's inputs as its state, plus the few outputs the program
/// reads (a role's ARN, a launch template's version, the cluster's kubeconfig), and record every
/// registration so tests can inspect exactly what was declared.
/// </summary>
public sealed class EchoMocks : IMocks
{
    public const string Kubeconfig = """{"apiVersion":"v1","kind":"Config","clusters":[]}""";

    private readonly ConcurrentQueue<MockResourceArgs> _registered = new();

    public IReadOnlyList<MockResourceArgs> Registered => [.. _registered];

    public IEnumerable<MockResourceArgs> OfType(string type) => Registered.Where(r => r.Type == type);

    public MockResourceArgs Single(string type, string name) => Registered.Single(r => r.Type == type && r.Name == name);

    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        _registered.Enqueue(args);
        var state = args.Inputs.ToBuilder();
        switch (args.Type)
        {
            case "aws:iam/role:Role":
                state["arn"] = $"arn:aws:iam::123456789012:role/{args.Name}";
                state["name"] = args.Name ?? "";
                break;
            case "aws:ec2/launchTemplate:LaunchTemplate":
                state["latestVersion"] = 1;
                break;
            case "aws:eks/nodeGroup:NodeGroup":
                state["nodeGroupName"] = $"{args.Name}-20261122";
                break;
            case "eks:index:Cluster":
                state["kubeconfigJson"] = Kubeconfig;
                break;
        }
        return Task.FromResult<(string? id, object state)>(($"{args.Name}-id", state.ToImmutable()));
    }

    public Task<object> CallAsync(MockCallArgs args) => Task.FromResult<object>(args.Args);
}
