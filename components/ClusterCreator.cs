using NodePools.Placement.Deployment;
using Pulumi;
using Aws = Pulumi.Aws;

namespace NodePools.Components;

/// <summary>The account and principal a deployment runs as (GetCallerIdentity).</summary>
public sealed record Caller(string AccountId, string Arn)
{
    /// <summary>The partition (aws, aws-cn, aws-us-gov), from the caller's ARN.</summary>
    public string Partition => Arn.Split(':') is [_, var partition, ..] ? partition : "aws";

    public static async Task<Caller> ReadAsync()
    {
        var identity = await Aws.GetCallerIdentity.InvokeAsync().ConfigureAwait(false);
        return new Caller(identity.AccountId, identity.Arn);
    }
}

/// <summary>The cluster as it exists before this deployment: who created it, and its tags (null when it does not exist yet).</summary>
public sealed record ExistingCluster(string Creator, IReadOnlyDictionary<string, string>? Tags);

/// <summary>
/// Who created the cluster (<see cref="AccessEntryPlan"/>): read from the cluster's
/// <see cref="AccessEntryPlan.CreatorTag"/> once it exists, else the principal this deployment runs
/// as — the one EKS will give the creator's access entry. Read before any resource is declared.
/// </summary>
public static class ClusterCreator
{
    public static async Task<ExistingCluster> FindAsync(string clusterName, Caller caller, Action<string> warn)
    {
        var clusters = await Aws.Eks.GetClusters.InvokeAsync().ConfigureAwait(false);
        if (!clusters.Names.Contains(clusterName))
            return new ExistingCluster(await DeployerAsync(caller).ConfigureAwait(false), null);

        var cluster = await Aws.Eks.GetCluster.InvokeAsync(new Aws.Eks.GetClusterArgs { Name = clusterName }).ConfigureAwait(false);
        var tags = cluster.Tags ?? System.Collections.Immutable.ImmutableDictionary<string, string>.Empty;
        if (tags.TryGetValue(AccessEntryPlan.CreatorTag, out var creator) && creator.Length > 0)
            return new ExistingCluster(creator, tags);
        // A cluster created before the tag: its creator is unknown, and the principal deploying now is the best guess.
        var deployer = await DeployerAsync(caller).ConfigureAwait(false);
        warn($"cluster {clusterName} does not record its creator (tag {AccessEntryPlan.CreatorTag}): taking {deployer}, the principal deploying now; "
             + $"if another principal created it, set the tag to that principal's ARN before deploying (aws eks tag-resource)");
        return new ExistingCluster(deployer, tags);
    }

    /// <summary>The IAM role or user this deployment runs as: for an assumed role's session, the role (with its path).</summary>
    public static async Task<string> DeployerAsync(Caller caller)
    {
        var session = await Aws.Iam.GetSessionContext.InvokeAsync(new Aws.Iam.GetSessionContextArgs { Arn = caller.Arn }).ConfigureAwait(false);
        return session.IssuerArn;
    }
}
