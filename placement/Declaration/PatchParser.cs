using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NodePools.Placement.Kubernetes.Validation;
using NodePools.Placement.Models;

namespace NodePools.Placement.Declaration;

/// <summary>
/// Reads a release's <c>patches:</c>: each names a target object and either an intent (placement
/// derived from the pools, at the pod spec or a given path) or a JSON merge patch.
/// </summary>
internal static partial class PatchParser
{
    private static readonly string[] PatchKeys = ["target", "path", "intent", "patch", "nodeSelector", "affinity"];
    private static readonly string[] TargetKeys = ["kind", "name", "apiVersion", "namespace"];

    /// <summary>What identifies an object to Helm and the API server: a patch that changed it would make another object.</summary>
    private static readonly string[][] Identity = [["apiVersion"], ["kind"], ["metadata", "name"], ["metadata", "namespace"]];

    [GeneratedRegex(@"\A[A-Z][A-Za-z0-9]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex KindName();

    [GeneratedRegex(@"\A(?:[a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?v[0-9]+(?:(?:alpha|beta)[0-9]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex ApiVersionText();

    public static IReadOnlyList<PatchSpec> Parse(ConfigCursor at, PoolIndex pools)
    {
        var patches = new List<PatchSpec>();
        var seen = new Dictionary<(PatchTarget, PatchPath), string>();
        foreach (var item in at.Items())
        {
            if (One(item, pools) is not { } patch)
                continue;
            if (seen.TryGetValue((patch.Target, patch.Path), out var first))
                item.Error($"{patch.Target} at {patch.Path} is patched twice (also at {first}): write one patch per place");
            seen.TryAdd((patch.Target, patch.Path), item.Key);
            patches.Add(patch);
        }
        return patches;
    }

    private static PatchSpec? One(ConfigCursor at, PoolIndex pools)
    {
        if (!at.ExpectMapping(PatchKeys))
            return null;
        var target = Target(at.Property("target"));
        var intentAt = at.Property("intent");
        var mergeAt = at.Property("patch");
        if (intentAt.Exists == mergeAt.Exists)
        {
            at.Error(intentAt.Exists
                ? "takes intent (placement derived from the pools) or patch (a JSON merge patch), not both: write two patches"
                : "needs intent (placement derived from the pools, e.g. intent: {pool: services}) or patch (a JSON merge patch)");
        }
        var nodeSelector = at.Property("nodeSelector").Bool(false);
        var affinity = at.Property("affinity").Bool(true);
        if (!intentAt.Exists && (at.Property("nodeSelector").Exists || at.Property("affinity").Exists))
            at.Property(at.Property("nodeSelector").Exists ? "nodeSelector" : "affinity").Error("says how an intent is written: it needs intent");
        if (!affinity && !nodeSelector)
            at.Property("affinity").Error("affinity: false leaves the patch only tolerations, which admit pods to a pool without keeping them there: set nodeSelector: true as well");

        var intent = intentAt.Exists ? IntentParser.Parse(intentAt, pools.Names, pools.Labels) : null;
        if (intent is { IsEmpty: true })
            intentAt.Error("places nothing: name a pool (pool, prefer or avoid) or tolerations");
        var merge = mergeAt.Exists ? Merge(mergeAt) : null;
        var path = Path(at.Property("path"), target, intentAt.Exists);
        if (target is null || path is null || (intent is null && merge is null))
            return null;
        return new PatchSpec { Target = target, Path = path, Intent = intent, Merge = merge, NodeSelector = nodeSelector, Affinity = affinity };
    }

    private static PatchTarget? Target(ConfigCursor at)
    {
        if (!at.Exists)
        {
            at.Error("is required: the rendered object to patch, e.g. target: {kind: Deployment, name: tekton-events-controller}");
            return null;
        }
        if (!at.ExpectMapping(TargetKeys))
            return null;
        var kind = at.Property("kind").String(required: true);
        if (kind is not null && !KindName().IsMatch(kind))
            at.Property("kind").Error($"\"{kind}\" is not a Kubernetes kind: a kind is written as the object says it, e.g. Deployment, KnativeServing");
        var name = at.Property("name").String(required: true);
        if (name is not null && (name.Length is 0 or > 253 || name.Any(c => char.IsWhiteSpace(c) || c == '/')))
            at.Property("name").Error($"\"{name}\" is not an object name: write metadata.name as the chart renders it");
        var apiVersion = at.Property("apiVersion").String();
        if (apiVersion is not null && !ApiVersionText().IsMatch(apiVersion))
            at.Property("apiVersion").Error($"\"{apiVersion}\" is not an apiVersion: write GROUP/VERSION (apps/v1, operator.knative.dev/v1beta1) or v1");
        var ns = at.Property("namespace").String();
        if (ns is not null && (ns.Length > 63 || NameRules.Dns1123Subdomain(ns).Count > 0 || ns.Contains('.')))
            at.Property("namespace").Error($"namespace \"{ns}\" must be a DNS-1123 label (lower-case letters, digits and '-', at most 63)");
        return kind is null || name is null ? null : new PatchTarget(kind, name) { ApiVersion = apiVersion, Namespace = ns };
    }

    /// <summary>The path given, or for an intent the pod spec of a kind the workload models know.</summary>
    private static PatchPath? Path(ConfigCursor at, PatchTarget? target, bool intent)
    {
        if (at.String() is { } text)
        {
            var (path, problem) = PatchPath.Parse(text);
            if (problem is not null)
                at.Error(problem);
            return path;
        }
        if (at.Exists || target is null)
            return null;
        if (!intent)
            return PatchPath.Root;
        if (WorkloadModels.Kind(target.Kind) is { } model)
            return PatchPath.Of(model.SpecPath);
        at.Error($"is required for a {target.Kind}: nodepools knows where the pod spec of {WorkloadModels.KindList} is, not of a {target.Kind}. "
                 + "Name where the pods' affinity and tolerations go, e.g. path: spec.workloads[name=activator] for a KnativeServing");
        return null;
    }

    /// <summary>A JSON merge patch of the object: a mapping that keeps the object's identity and holds no secret.</summary>
    private static JsonObject? Merge(ConfigCursor at)
    {
        if (at.Node is not JsonObject patch)
        {
            at.Error("must be a mapping: a JSON merge patch of the object (mappings merge, null deletes a key, lists are replaced whole)");
            return null;
        }
        foreach (var path in SecretValues.SecureLeaves(patch))
        {
            at.Error($"patch.{path} is a secure: value: patches reach Helm and the post-renderer's file in plain text; "
                     + "put secrets in the release's secretValues instead");
        }
        foreach (var field in Identity.Where(field => Touches(patch, field)))
            at.Error($"patch changes {string.Join('.', field)}, which names the object: that would be another object than Helm renders. Patch its contents only");
        return (JsonObject)patch.DeepClone();
    }

    /// <summary>Whether the merge patch sets or deletes the field, or replaces or deletes a mapping holding it.</summary>
    private static bool Touches(JsonObject patch, string[] field)
    {
        var current = patch;
        for (var i = 0; i < field.Length; i++)
        {
            if (!current.ContainsKey(field[i]))
                return false;
            if (i == field.Length - 1 || current[field[i]] is not JsonObject next)
                return true;
            current = next;
        }
        return false;
    }
}
