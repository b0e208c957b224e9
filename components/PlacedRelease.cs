using NodePools.Placement.Deployment;
using NodePools.Placement.Planning;
using Pulumi;
using Helm = Pulumi.Kubernetes.Helm.V3;
using HelmInputs = Pulumi.Kubernetes.Types.Inputs.Helm.V3;

namespace NodePools.Components;

/// <summary>
/// One Helm release whose values are the user's values merged with the derived placement, installed
/// after the node groups of every pool its slots target (labels exist before any affinity asks for
/// them), on the cluster's provider, in its namespace (created if missing). A release with
/// secretValues hands Helm its values as a secret output.
/// </summary>
public sealed class PlacedRelease : ComponentResource
{
    public PlacedRelease(string name, PlacedReleaseArgs args, ComponentResourceOptions? options = null)
        : base(ComponentTypes.PlacedRelease, name, options)
    {
        DependsOnNodeGroups = args.TargetNodeGroups;
        Release = new Helm.Release(name, ReleaseArgs(args.Plan), ReleaseOptions(this, args.Provider, args.TargetNodeGroups));
        RegisterOutputs(new Dictionary<string, object?> { ["releaseName"] = Release.Name });
    }

    public Helm.Release Release { get; }

    /// <summary>The node groups the release waits for.</summary>
    public IReadOnlyList<Resource> DependsOnNodeGroups { get; }

    public static HelmInputs.ReleaseArgs ReleaseArgs(ReleasePlan plan)
    {
        var chart = ChartReference.For(plan.Spec);
        var args = new HelmInputs.ReleaseArgs
        {
            Name = plan.Name,
            Chart = chart.Chart,
            Version = plan.Spec.Version,
            Namespace = plan.Spec.Namespace,
            CreateNamespace = true,
        };
        var values = plan.ValuesTree().ToDictionary(pair => pair.Key, pair => pair.Value!);
        // Values carrying secretValues reach Helm, the state and previews only as a secret.
        args.Values = plan.Spec.SecretValues.Count > 0 ? Output.CreateSecret(values) : values;
        if (chart.RepositoryUrl is { } repository)
            args.RepositoryOpts = new HelmInputs.RepositoryOptsArgs { Repo = repository };
        return args;
    }

    public static CustomResourceOptions ReleaseOptions(Resource parent, ProviderResource provider, IEnumerable<Resource> targetNodeGroups)
    {
        var options = new CustomResourceOptions { Parent = parent, Provider = provider };
        foreach (var nodeGroup in targetNodeGroups)
            options.DependsOn.Add(nodeGroup);
        return options;
    }
}

public sealed class PlacedReleaseArgs
{
    public required ReleasePlan Plan { get; init; }
    public required ProviderResource Provider { get; init; }

    /// <summary>The node groups of the pools the release's slots target.</summary>
    public required IReadOnlyList<Resource> TargetNodeGroups { get; init; }
}
