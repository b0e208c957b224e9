using System.Collections.Immutable;
using NodePools.Placement.Deployment;
using NodePools.Placement.Planning;
using Pulumi;
using Helm = Pulumi.Kubernetes.Helm.V3;
using HelmInputs = Pulumi.Kubernetes.Types.Inputs.Helm.V3;
using NodePools.Placement.Declaration;

namespace NodePools.Components;

/// <summary>
/// One Helm release whose values are the user's values merged with the derived placement, installed
/// after the node groups of every pool its slots target (labels exist before any affinity asks for
/// them), after its namespace and the releases it depends on, on the cluster's provider, with its
/// install options (timeout, atomic, cleanupOnFail, skipAwait). A release with secretValues hands
/// Helm its values as a secret output; a protected (stateful) release is protected and retained on delete.
/// A release with patches names its post-renderer, which Helm runs on every install and upgrade, and
/// patches the Helm hooks its patches target after the release (<see cref="HookPatches"/>).
/// </summary>
public sealed class PlacedRelease : ComponentResource
{
    public PlacedRelease(string name, PlacedReleaseArgs args, ComponentResourceOptions? options = null)
        : base(ComponentTypes.PlacedRelease, name, options)
    {
        DependsOnNodeGroups = args.TargetNodeGroups;
        DependsOn = [.. args.TargetNodeGroups, .. args.Namespace is null ? Array.Empty<Resource>() : [args.Namespace], .. args.AfterReleases];
        var releaseOptions = ReleaseOptions(this, args.Provider, DependsOn);
        // Stateful releases: never uninstalled by a deployment, and left in place (with their volumes) if the stack lets go of them.
        releaseOptions.Protect = args.Plan.Spec.Install.Protect;
        releaseOptions.RetainOnDelete = args.Plan.Spec.Install.Protect;
        Release = new Helm.Release(name, ReleaseArgs(args.Plan, args.PostRenderer), releaseOptions);
        HookPatches = args.Plan.Patches.Count > 0
            ? Components.HookPatches.Register(name, args.Plan, Release, args.Provider, this, args.KubeVersion)
            : Output.Create(ImmutableArray<Pulumi.Kubernetes.ApiExtensions.CustomResourcePatch>.Empty);
        RegisterOutputs(new Dictionary<string, object?> { ["releaseName"] = Release.Name });
    }

    public Helm.Release Release { get; }

    /// <summary>The patches applied after the release to the Helm hooks its patches target (none without patches).</summary>
    public Output<ImmutableArray<Pulumi.Kubernetes.ApiExtensions.CustomResourcePatch>> HookPatches { get; }

    /// <summary>The node groups the release waits for.</summary>
    public IReadOnlyList<Resource> DependsOnNodeGroups { get; }

    /// <summary>Everything the release waits for: node groups, its namespace, the releases it depends on.</summary>
    public IReadOnlyList<Resource> DependsOn { get; }

    /// <param name="postRenderer">The path of the release's post-renderer (<see cref="PostRendererFiles"/>), or null when it has no patches.</param>
    public static HelmInputs.ReleaseArgs ReleaseArgs(ReleasePlan plan, string? postRenderer = null)
    {
        var chart = ChartReference.For(plan.Spec);
        var args = new HelmInputs.ReleaseArgs
        {
            Name = plan.Name,
            Chart = chart.Chart,
            Version = plan.Spec.Version,
            Namespace = plan.Spec.Namespace,
            CreateNamespace = false, // ClusterNamespaces owns every namespace
            Timeout = plan.Spec.Install.TimeoutSeconds,
            Atomic = plan.Spec.Install.Atomic,
            CleanupOnFail = plan.Spec.Install.CleanupOnFail,
            SkipAwait = plan.Spec.Install.SkipAwait,
        };
        var values = plan.ValuesTree().ToDictionary(pair => pair.Key, pair => pair.Value!);
        // Values carrying secretValues reach Helm, the state and previews only as a secret.
        args.Values = plan.Spec.SecretValues.Count > 0 ? Output.CreateSecret(values) : values;
        if (chart.RepositoryUrl is { } repository)
            args.RepositoryOpts = new HelmInputs.RepositoryOptsArgs { Repo = repository };
        if (postRenderer is not null)
            args.Postrender = postRenderer;
        return args;
    }

    public static CustomResourceOptions ReleaseOptions(Resource parent, ProviderResource provider, IEnumerable<Resource> dependsOn) =>
        ChildOptions.After(parent, dependsOn, provider);
}

public sealed class PlacedReleaseArgs
{
    public required ReleasePlan Plan { get; init; }
    public required ProviderResource Provider { get; init; }

    /// <summary>The node groups of the pools the release's slots target.</summary>
    public required IReadOnlyList<Resource> TargetNodeGroups { get; init; }

    /// <summary>The release's namespace (owned by ClusterNamespaces), or null when created elsewhere.</summary>
    public Resource? Namespace { get; init; }

    /// <summary>What this release is installed after: the releases it depends on, the default StorageClass, CoreDNS, its role.</summary>
    public IReadOnlyList<Resource> AfterReleases { get; init; } = [];

    /// <summary>The cluster's Kubernetes version, which the provider renders hooks for (as the check renders); null for the cluster's own.</summary>
    public string? KubeVersion { get; init; }

    /// <summary>The relative path of the release's post-renderer script (<see cref="PostRendererFiles.Write"/>); null when it declares no patches.</summary>
    public string? PostRenderer { get; init; }
}
