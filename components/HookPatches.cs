using System.Collections;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodePools.Placement.Declaration;
using NodePools.Placement.Patching;
using NodePools.Placement.Planning;
using NodePools.Placement.Rendering;
using Pulumi;
using Pulumi.Kubernetes.ApiExtensions;
using Pulumi.Utilities;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using Helm = Pulumi.Kubernetes.Helm.V3;

namespace NodePools.Components;

/// <summary>
/// The Helm hooks a release's patches target, patched after the release: Helm 3 never hands hooks to
/// the post-renderer, and re-creates a <c>before-hook-creation</c> hook on every install and upgrade.
/// The program renders nothing itself: the Kubernetes provider's renderer (<c>kubernetes:helm:template</c>,
/// hooks included) renders the release with its values, <see cref="HookApplyPatch"/> — the check's own
/// function — computes each hook's apply body, and each becomes a server-side-apply patch resource after
/// the Release, forced over Helm's field manager and annotated with the Release's revision, so each
/// upgrade (which re-creates the hook) applies it again.
/// </summary>
public static class HookPatches
{
    public const string TemplateToken = "kubernetes:helm:template";

    /// <summary>The Kubernetes provider's patch resources take conflicting fields from other managers (Helm's) with this annotation.</summary>
    public const string PatchForceAnnotation = "pulumi.com/patchForce";

    /// <summary>The Release's revision: a new revision re-created the hook, so the patch's input changes and it is applied again.</summary>
    public const string RevisionAnnotation = "node-pools/release-revision";

    /// <summary>
    /// Renders the release through the provider and registers one patch per hook its patches change.
    /// The patches are registered once the render is known: a preview against a cluster not yet created shows none.
    /// </summary>
    /// <exception cref="ResourceException">(In the returned output) a hook patch that a server-side apply cannot express, with the patch and the reason.</exception>
    public static Output<ImmutableArray<CustomResourcePatch>> Register(string name, ReleasePlan plan, Helm.Release release, ProviderResource provider,
        Resource parent, string? kubeVersion)
    {
        var secret = plan.Spec.SecretValues.Count > 0;
        var options = TemplateOptions(plan, kubeVersion);
        var rendered = Deployment.Instance.Invoke<TemplateResult>(TemplateToken,
            new TemplateArgs { JsonOpts = secret ? Output.CreateSecret(options) : options },
            new InvokeOptions { Parent = parent, Provider = provider });
        // The provider decides an invoke's secrecy: what is rendered from secret values stays secret here.
        if (secret)
            rendered = Output.CreateSecret(rendered);
        return rendered.Apply(result =>
        {
            // No objects: the provider is not configured yet (a preview before the cluster exists), as its own Chart reads it.
            if (result.Result.IsDefault)
                return OutputUtilities.CreateUnknown(ImmutableArray<CustomResourcePatch>.Empty);
            var hooks = HookApplyPatch.For(result.Result.Select(obj => (JsonObject)ToJson(obj)!), plan.Spec.Namespace, plan.Patches);
            if (hooks.Problems.Count > 0)
            {
                throw new ResourceException(
                    $"release {plan.Name}: patches cannot be applied after the release to its Helm hooks (rule patch-unmatched): {string.Join("; ", hooks.Problems)}",
                    parent, hideStack: true);
            }
            return Output.Create(hooks.Applies
                .Select(apply => new CustomResourcePatch($"{name}-{apply.Kind.ToLowerInvariant()}-{apply.Name}", Args(apply, release, secret),
                    new CustomResourceOptions { Parent = parent, Provider = provider, DependsOn = { release } }))
                .ToImmutableArray());
        });
    }

    /// <summary>The invoke's options, as the provider's <c>HelmChartOpts</c> reads them: the Release's chart, version, namespace, name and values.</summary>
    public static string TemplateOptions(ReleasePlan plan, string? kubeVersion)
    {
        var chart = ChartReference.For(plan.Spec);
        var options = new JsonObject
        {
            ["chart"] = chart.Chart,
            ["version"] = plan.Spec.Version,
            ["namespace"] = plan.Spec.Namespace,
            ["release_name"] = plan.Name,
            ["values"] = plan.Values.DeepClone(),
        };
        // A repository URL is a fetch option; "repo" would name a repository helm has been told of.
        if (chart.RepositoryUrl is { } repository)
            options["fetch_opts"] = new JsonObject { ["repo"] = repository };
        if (kubeVersion is not null)
            options["kube_version"] = ReleaseRenderer.KubeVersion(kubeVersion);
        return options.ToJsonString();
    }

    /// <param name="secret">Whether the release's values hold secrets: the spec, rendered from them, is then a secret.</param>
    public static HookPatchArgs Args(HookApply apply, Helm.Release release, bool secret)
    {
        var body = apply.Body;
        var metadata = new ObjectMetaArgs { Name = apply.Name, Namespace = apply.Namespace };
        if (body["metadata"]?["labels"] is JsonObject labels)
            metadata.Labels = Strings(labels);
        var annotations = body["metadata"]?["annotations"] is JsonObject patched ? Strings(patched) : new InputMap<string>();
        annotations.Add(PatchForceAnnotation, "true");
        annotations.Add(RevisionAnnotation, release.Status.Apply(status => status.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        metadata.Annotations = annotations;
        return new HookPatchArgs(apply.ApiVersion, apply.Kind)
        {
            Metadata = metadata,
            Spec = body["spec"] is { } spec ? Spec(JsonDocument.Parse(spec.ToJsonString()).RootElement.Clone(), secret) : null,
        };
    }

    private static Input<JsonElement> Spec(JsonElement spec, bool secret) => secret ? Output.CreateSecret(spec) : spec;

    private static InputMap<string> Strings(JsonObject map)
    {
        var result = new InputMap<string>();
        foreach (var (key, value) in map)
            result.Add(key, value?.ToString() ?? "");
        return result;
    }

    /// <summary>An invoke's result value (dictionaries, arrays, doubles) as JSON; whole doubles are integers, as the chart wrote them.</summary>
    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        double number when number == Math.Floor(number) && Math.Abs(number) < 1e15 => JsonValue.Create((long)number),
        double number => JsonValue.Create(number),
        IDictionary dictionary => new JsonObject(dictionary.Keys.Cast<object>().Select(key => new KeyValuePair<string, JsonNode?>((string)key, ToJson(dictionary[key])))),
        IEnumerable list => new JsonArray(list.Cast<object?>().Select(ToJson).ToArray()),
        _ => JsonValue.Create(value.ToString()),
    };
}

/// <summary>A patch resource's arguments for any kind: the apply body's spec, whole.</summary>
public sealed class HookPatchArgs(string apiVersion, string kind) : CustomResourcePatchArgs(apiVersion, kind)
{
    [Input("spec")]
    public Input<JsonElement>? Spec { get; set; }
}

internal sealed class TemplateArgs : InvokeArgs
{
    [Input("jsonOpts")]
    public Input<string>? JsonOpts { get; set; }
}

[OutputType]
internal sealed class TemplateResult
{
    public readonly ImmutableArray<ImmutableDictionary<string, object>> Result;

    [OutputConstructor]
    private TemplateResult(ImmutableArray<ImmutableDictionary<string, object>> result) => Result = result;
}
