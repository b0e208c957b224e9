using NodePools.Placement.Deployment;
using Pulumi;
using Aws = Pulumi.Aws;

namespace NodePools.Components;

/// <summary>
/// Who created the cluster (<see cref="AccessEntryPlan"/>): read from the cluster's
/// <see cref="AccessEntryPlan.CreatorTag"/> once it exists, else the principal this deployment runs
/// as — the one EKS will give the creator's access entry. Read before any resource is declared.
/// </summary>
public static class ClusterCreator
{
    public static async Task<string> FindAsync(string clusterName, Action<string> warn)
    {
        var clusters = await Aws.Eks.GetClusters.InvokeAsync().ConfigureAwait(false);
        if (!clusters.Names.Contains(clusterName))
            return await DeployerAsync().ConfigureAwait(false);

        var cluster = await Aws.Eks.GetCluster.InvokeAsync(new Aws.Eks.GetClusterArgs { Name = clusterName }).ConfigureAwait(false);
        if (cluster.Tags is { } tags && tags.TryGetValue(AccessEntryPlan.CreatorTag, out var creator) && creator.Length > 0)
            return creator;
        // A cluster created before the tag: its creator is unknown, and the principal deploying now is the best guess.
        var deployer = await DeployerAsync().ConfigureAwait(false);
        warn($"cluster {clusterName} does not record its creator (tag {AccessEntryPlan.CreatorTag}): taking {deployer}, the principal deploying now; "
             + $"if another principal created it, set the tag to that principal's ARN before deploying (aws eks tag-resource)");
        return deployer;
    }

    /// <summary>The IAM role or user this deployment runs as: for an assumed role's session, the role (with its path).</summary>
    public static async Task<string> DeployerAsync()
    {
        var caller = await Aws.GetCallerIdentity.InvokeAsync().ConfigureAwait(false);
        var session = await Aws.Iam.GetSessionContext.InvokeAsync(new Aws.Iam.GetSessionContextArgs { Arn = caller.Arn }).ConfigureAwait(false);
        return session.IssuerArn;
    }
}
