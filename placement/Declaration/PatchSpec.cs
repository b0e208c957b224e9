using System.Text.Json.Nodes;

namespace NodePools.Placement.Declaration;

/// <summary>
/// The rendered object a patch changes: its kind and name, and — when a chart renders objects of that
/// kind and name more than once — its apiVersion and namespace. An object rendered without a
/// namespace is in the release's namespace, as Helm installs it.
/// </summary>
public sealed record PatchTarget(string Kind, string Name)
{
    public string? ApiVersion { get; init; }
    public string? Namespace { get; init; }

    /// <summary>KIND/NAME, how findings and acknowledgements name an object.</summary>
    public string Id => $"{Kind}/{Name}";

    public override string ToString() =>
        Id + (Namespace is null ? "" : $" in {Namespace}") + (ApiVersion is null ? "" : $" ({ApiVersion})");
}

/// <summary>
/// A change to a rendered object, for what a chart exposes no values for (a hard-coded Deployment's
/// placement, a custom resource's pod overrides). Either an <see cref="Intent"/> — placement derived
/// from the pools, as for a slot, written at <see cref="Path"/> (by default the pod spec of a kind
/// the workload models know) — or a <see cref="Merge"/> patch (RFC 7386) applied at <see cref="Path"/>.
/// Applied by Helm's post-renderer when the release is installed, and by the check when it renders.
/// </summary>
public sealed record PatchSpec
{
    public required PatchTarget Target { get; init; }

    /// <summary>Where in the object the patch applies; for an intent, where the pod's affinity, tolerations and nodeSelector are.</summary>
    public required PatchPath Path { get; init; }

    /// <summary>Placement to derive and write at <see cref="Path"/>; null for a merge patch.</summary>
    public IntentSpec? Intent { get; init; }

    /// <summary>A JSON merge patch (RFC 7386): mappings merge, a null deletes a key, lists are replaced whole. Null for an intent.</summary>
    public JsonObject? Merge { get; init; }

    /// <summary>Also write a nodeSelector (the pool's labels), as a slot does.</summary>
    public bool NodeSelector { get; init; }

    /// <summary>Write node affinity (the default); false places by nodeSelector and tolerations only.</summary>
    public bool Affinity { get; init; } = true;
}
