using System.Text.Json;

namespace NodePools.Stacks;

/// <summary>
/// The protected resources of a stack, read from its exported state (`pulumi stack export`:
/// deployment.resources[], each with its urn and protect flag). `pulumi destroy` deletes in
/// dependency order and stops at the first protected resource — after deleting the releases and
/// access policy associations that come before it — so a destroy is refused before it starts.
/// </summary>
public static class ProtectedResources
{
    /// <summary>Each protected resource as TYPE NAME, in state order.</summary>
    public static IReadOnlyList<string> In(JsonElement exported)
    {
        if (!exported.TryGetProperty("deployment", out var deployment) || deployment.ValueKind != JsonValueKind.Object
            || !deployment.TryGetProperty("resources", out var resources) || resources.ValueKind != JsonValueKind.Array)
            return [];
        return resources.EnumerateArray()
            .Where(resource => resource.TryGetProperty("protect", out var protect) && protect.ValueKind == JsonValueKind.True)
            .Select(resource => resource.TryGetProperty("urn", out var urn) && urn.GetString() is { } text ? Describe(text) : "(a resource without a URN)")
            .ToList();
    }

    /// <summary>urn:pulumi:STACK::PROJECT::PARENT$TYPE::NAME → TYPE NAME.</summary>
    public static string Describe(string urn)
    {
        var parts = urn.Split("::");
        if (parts.Length < 4)
            return urn;
        var type = parts[^2].Split('$')[^1];
        return $"{type} {parts[^1]}";
    }

    /// <summary>Why a destroy is refused, and what to do; null when nothing is protected or the destroy is forced.</summary>
    public static string? Refusal(string stack, IReadOnlyList<string> protectedResources, bool force)
    {
        if (protectedResources.Count == 0 || force)
            return null;
        return $"Refusing to destroy stack {stack}: {protectedResources.Count} resource(s) are protected, and `pulumi destroy` would delete "
               + "everything before them (releases, access policy associations, ...) and then stop:" + Environment.NewLine
               + string.Join(Environment.NewLine, protectedResources.Select(resource => $"  {resource}")) + Environment.NewLine
               + "Set protect: false on the pools, releases and cluster in the stack's declaration and deploy (or `pulumi state unprotect`), "
               + "then destroy; --force destroys whatever is not protected anyway.";
    }
}
