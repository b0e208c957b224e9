using NodePools.Placement.Kubernetes;
using NodePools.Placement.Kubernetes.Validation;

namespace NodePools.Placement.Declaration;

/// <summary>
/// What EKS accepts for a managed node group's labels and taints, on top of Kubernetes' own name
/// rules (docs/design.md, EKS facts): keys of at most 63 characters in total, label values of 1–63, at most 50
/// taints, the three effects, and no keys in the domains Kubernetes and EKS reserve.
/// </summary>
public static class EksRules
{
    public const int MaxKeyLength = 63;
    public const int MaxTaints = 50;

    private static readonly string[] ReservedDomains = ["kubernetes.io", "k8s.io", "eks.amazonaws.com"];

    public static IEnumerable<string> LabelKey(string key)
    {
        foreach (var message in NameRules.QualifiedName(key))
            yield return $"label key \"{key}\": {message}";
        foreach (var message in KeyLimits(key, "label"))
            yield return message;
    }

    public static IEnumerable<string> LabelValue(string key, string value)
    {
        if (value.Length == 0)
            yield return $"label \"{key}\" has an empty value: EKS requires 1–63 characters";
        foreach (var message in NameRules.LabelValue(value))
            yield return $"label \"{key}\" value \"{value}\": {message}";
    }

    public static IEnumerable<string> TaintKey(string key)
    {
        foreach (var message in NameRules.QualifiedName(key))
            yield return $"taint key \"{key}\": {message}";
        foreach (var message in KeyLimits(key, "taint"))
            yield return message;
    }

    public static IEnumerable<string> TaintValue(string key, string value)
    {
        foreach (var message in NameRules.LabelValue(value))
            yield return $"taint \"{key}\" value \"{value}\": {message}";
    }

    /// <summary>Kubernetes spelling only; the EKS spelling is named as the likely slip.</summary>
    public static string? TaintEffect(string effect)
    {
        if (TaintEffects.All.Contains(effect))
            return null;
        var kubernetes = TaintEffects.All.FirstOrDefault(candidate =>
            string.Equals(candidate, effect.Replace("_", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));
        return kubernetes is not null
            ? $"taint effect \"{effect}\": write the Kubernetes spelling \"{kubernetes}\" (the EKS spelling is derived)"
            : $"taint effect \"{effect}\" is not one EKS knows: use NoSchedule, PreferNoSchedule or NoExecute";
    }

    public static bool IsReserved(string key)
    {
        var slash = key.IndexOf('/');
        if (slash < 0)
            return false;
        var prefix = key[..slash];
        return ReservedDomains.Any(domain => prefix == domain || prefix.EndsWith("." + domain, StringComparison.Ordinal));
    }

    private static IEnumerable<string> KeyLimits(string key, string what)
    {
        if (key.Length > MaxKeyLength)
            yield return $"{what} key \"{key}\" is {key.Length} characters: EKS allows at most {MaxKeyLength} in total, prefix included";
        if (IsReserved(key))
            yield return $"{what} key \"{key}\" is in a domain Kubernetes and EKS reserve (kubernetes.io, k8s.io, eks.amazonaws.com): "
                         + "EKS rejects it or nodes fail to join; use your own prefix, e.g. example.com/...";
    }
}
