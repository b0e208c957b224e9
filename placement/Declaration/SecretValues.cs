using System.Text.Json.Nodes;

namespace NodePools.Placement.Declaration;

/// <summary>
/// Values written as Pulumi secrets (<c>key: {secure: CIPHERTEXT}</c> in the stack file). The
/// declaration never holds the ciphertext: each such leaf is replaced by a placeholder, so plans,
/// reports and renders can show the shape of the values without the secret. The program reads the
/// real value from Pulumi's config and hands it to Helm as a secret.
/// </summary>
public static class SecretValues
{
    /// <summary>What planning and rendering see where a secret is: a string any chart accepts.</summary>
    public const string Placeholder = "nodepools-secret-placeholder";

    /// <summary>Replaces every {secure: ...} leaf with the placeholder and returns the dotted paths it replaced.</summary>
    public static IReadOnlyList<string> Conceal(JsonObject values)
    {
        var paths = new List<string>();
        Walk(values, "", paths);
        return paths;
    }

    public static bool IsSecureLeaf(JsonNode? node) =>
        node is JsonObject { Count: 1 } obj && obj["secure"] is JsonValue value && value.TryGetValue<string>(out _);

    private static void Walk(JsonNode? node, string path, List<string> paths)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    var childPath = path.Length == 0 ? key : $"{path}.{key}";
                    if (IsSecureLeaf(child))
                    {
                        obj[key] = Placeholder;
                        paths.Add(childPath);
                    }
                    else
                    {
                        Walk(child, childPath, paths);
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var childPath = $"{path}[{i}]";
                    if (IsSecureLeaf(array[i]))
                    {
                        array[i] = Placeholder;
                        paths.Add(childPath);
                    }
                    else
                    {
                        Walk(array[i], childPath, paths);
                    }
                }
                break;
        }
    }
}
