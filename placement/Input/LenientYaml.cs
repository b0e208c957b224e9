using System.Text.Json.Nodes;
using YamlDotNet.Core;

namespace NodePools.Placement.Input;

/// <summary>A key written twice in one mapping of a rendered manifest: the last one wins, as the API server reads it.</summary>
public sealed record DuplicateKey(string Path, string Key);

/// <summary>One rendered document as the API server reads it, and the keys it repeats.</summary>
public sealed record LenientDocument(JsonNode? Root, IReadOnlyList<DuplicateKey> Duplicates);

/// <summary>
/// Reads what a chart renders the way Kubernetes does: a key written twice in one mapping is not an
/// error, the last one wins (sigs.k8s.io/yaml). The duplicates are kept, because a chart that writes a
/// user's affinity and then its own <c>nodeAffinity</c> silently drops the user's. The limits of
/// <see cref="YamlTree"/> apply: no input can exhaust the stack or memory.
/// </summary>
public static class LenientYaml
{
    /// <summary>The first document's root, or null when the text is not YAML (for embedded YAML that may be anything).</summary>
    public static JsonNode? FirstOrNull(string text)
    {
        try
        {
            var documents = Parse(text);
            return documents.Count > 0 ? documents[0].Root : null;
        }
        catch (YamlException)
        {
            return null;
        }
    }

    /// <exception cref="YamlException">The text is not YAML, or exceeds the limits.</exception>
    public static IReadOnlyList<LenientDocument> Parse(string text) =>
        YamlTree.Read(text, DuplicateKeys.LastWins)
            .Select(document => new LenientDocument(document.Root,
                document.Duplicates.Select(d => new DuplicateKey(JsonPaths.Readable(d.Path), d.Key)).ToList()))
            .ToList();
}
