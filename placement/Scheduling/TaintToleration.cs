using NodePools.Placement.Kubernetes;

namespace NodePools.Placement.Scheduling;

/// <summary>
/// Taints and tolerations, as core/v1 Toleration.ToleratesTaint and the TaintToleration plugin.
/// </summary>
public static class TaintToleration
{
    /// <summary>
    /// An empty effect matches every effect; an empty key matches every key; an empty operator means
    /// Equal (values compared, an absent value is ""); Exists ignores the value; any other operator
    /// tolerates nothing.
    /// </summary>
    public static bool Tolerates(Toleration toleration, Taint taint)
    {
        if (!string.IsNullOrEmpty(toleration.Effect) && !string.Equals(toleration.Effect, taint.Effect, StringComparison.Ordinal))
            return false;
        if (!string.IsNullOrEmpty(toleration.Key) && !string.Equals(toleration.Key, taint.Key, StringComparison.Ordinal))
            return false;
        return toleration.Operator switch
        {
            null or "" or TolerationOperators.Equal => string.Equals(toleration.Value ?? "", taint.Value ?? "", StringComparison.Ordinal),
            TolerationOperators.Exists => true,
            _ => false,
        };
    }

    public static bool AnyTolerates(IReadOnlyList<Toleration> tolerations, Taint taint)
    {
        for (var i = 0; i < tolerations.Count; i++)
        {
            if (Tolerates(tolerations[i], taint))
                return true;
        }
        return false;
    }

    /// <summary>Only NoSchedule and NoExecute taints keep a pod off a node.</summary>
    public static bool BlocksScheduling(Taint taint) =>
        taint.Effect is TaintEffects.NoSchedule or TaintEffects.NoExecute;

    /// <summary>The first NoSchedule/NoExecute taint no toleration tolerates (FindMatchingUntoleratedTaint), or null.</summary>
    public static Taint? FirstUntoleratedBlockingTaint(IReadOnlyList<Taint> taints, IReadOnlyList<Toleration> tolerations)
    {
        for (var i = 0; i < taints.Count; i++)
        {
            var taint = taints[i];
            if (BlocksScheduling(taint) && !AnyTolerates(tolerations, taint))
                return taint;
        }
        return null;
    }

    /// <summary>The scoring input: how many PreferNoSchedule taints the pod does not tolerate.</summary>
    public static int CountUntoleratedPreferNoSchedule(IReadOnlyList<Taint> taints, IReadOnlyList<Toleration> tolerations)
    {
        var count = 0;
        for (var i = 0; i < taints.Count; i++)
        {
            var taint = taints[i];
            if (taint.Effect == TaintEffects.PreferNoSchedule && !AnyTolerates(tolerations, taint))
                count++;
        }
        return count;
    }

    /// <summary>The scheduler's refusal, word for word.</summary>
    public static string Reason(Taint taint) => $"node(s) had untolerated taint {Describe(taint)}";

    /// <summary>A taint as kube-scheduler names it in its reasons: {key: value}.</summary>
    public static string Describe(Taint taint) => $"{{{taint.Key}: {taint.Value}}}";
}
