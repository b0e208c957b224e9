using System.Text.Json.Nodes;

namespace NodePools.Placement.Declaration;

/// <summary>
/// A release's <c>secretValues</c>: chart values that are Pulumi secrets, each a dotted values path
/// set with <c>pulumi config set --secret --path 'PROJECT:releases.NAME.secretValues["PATH"]' VALUE</c>.
/// The stack file holds them as <c>{secure: CIPHERTEXT}</c>; plans and renders see a placeholder. The
/// program gets them decrypted from Pulumi's config and hands the release's values to Helm as a secret.
/// </summary>
public static class SecretValues
{
    /// <summary>What planning and rendering see where a secret is: a string any chart accepts.</summary>
    public const string Placeholder = "nodepools-secret-placeholder";

    public static IReadOnlyDictionary<string, string> Read(ConfigCursor at)
    {
        var secrets = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, value) in at.Entries())
        {
            if (path.Split('.').Any(segment => segment.Length == 0))
                value.Error($"\"{path}\" must be a dotted values path, e.g. secrets.admin.clientSecret");
            if (IsSecureLeaf(value.Node))
                secrets[path] = Placeholder;
            else if (at.Decrypted && value.String() is { } plain)
                secrets[path] = plain;
            else
                value.Error($"must be a secret: set it with pulumi config set --secret --path '{at.Key}[\"{path}\"]' VALUE, which writes {{secure: ...}}");
        }
        return secrets;
    }

    /// <summary>Writes each secret at its path in the values (a placeholder, or the decrypted value in the program).</summary>
    public static void WriteInto(JsonObject values, IReadOnlyDictionary<string, string> secrets, ConfigCursor at)
    {
        foreach (var (path, secret) in secrets)
        {
            var segments = path.Split('.');
            var current = values;
            var blocked = false;
            foreach (var segment in segments[..^1])
            {
                if (current[segment] is JsonObject next)
                {
                    current = next;
                }
                else if (current[segment] is null)
                {
                    next = new JsonObject();
                    current[segment] = next;
                    current = next;
                }
                else
                {
                    at.Property(path).Error($"values.{path}: values has a non-mapping value on the way ({segment})");
                    blocked = true;
                    break;
                }
            }
            if (blocked)
                continue;
            if (current[segments[^1]] is not null)
                at.Property(path).Error($"values.{path} is also set in values: a secret is written in one place only");
            current[segments[^1]] = secret;
        }
    }

    /// <summary>Dotted paths of {secure: ...} leaves written in values, where they would reach Helm in plain text.</summary>
    public static IEnumerable<string> SecureLeaves(JsonNode? node, string path = "")
    {
        if (IsSecureLeaf(node))
        {
            yield return path;
            yield break;
        }
        if (node is JsonObject obj)
        {
            foreach (var (key, child) in obj)
            {
                foreach (var leaf in SecureLeaves(child, path.Length == 0 ? key : $"{path}.{key}"))
                    yield return leaf;
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                foreach (var leaf in SecureLeaves(array[i], $"{path}[{i}]"))
                    yield return leaf;
            }
        }
    }

    public static bool IsSecureLeaf(JsonNode? node) =>
        node is JsonObject { Count: 1 } obj && obj["secure"] is JsonValue value && value.TryGetValue<string>(out _);
}
