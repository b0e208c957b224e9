using NodePools.Placement.Declaration;
using NodePools.Placement.Deployment;

namespace NodePools.Placement.Tests.Deployment;

/// <summary>Which declared principals get an access entry of the stack's, given the cluster's creator.</summary>
public class AccessEntryPlanTests
{
    private const string Deploy = "arn:aws:iam::123456789012:role/nodepools-deploy";
    private const string Preview = "arn:aws:iam::123456789012:role/nodepools-preview";
    private const string Alice = "arn:aws:iam::123456789012:user/alice";

    private static readonly AccessSpec[] Declared = [new(Deploy, AccessSpec.Admin), new(Preview, AccessSpec.View), new(Alice, AccessSpec.Admin)];

    public static TheoryData<string, AccessSpec[], int[], string?> Cases => new()
    {
        // creator, declared, indexes of the entries the stack creates, a warning's start (or none)
        { Deploy, Declared, [1, 2], null },
        { Alice, Declared, [0, 1], null },
        { Preview, Declared, [0, 2], $"{Preview} created the cluster: EKS's own access entry gives it cluster admin, not the view access" },
        { "arn:aws:iam::123456789012:role/someone-else", Declared, [0, 1, 2], "arn:aws:iam::123456789012:role/someone-else created the cluster and keeps the cluster-admin access entry" },
        { Deploy, [], [], $"{Deploy} created the cluster and keeps the cluster-admin access entry EKS gave it, which node-pools:cluster.access does not list" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_creator_gets_no_entry_and_the_others_keep_their_index(string creator, AccessSpec[] declared, int[] created, string? warning)
    {
        var plan = AccessEntryPlan.For(declared, creator);
        Assert.Equal(created, plan.Entries.Select(entry => entry.Index));
        Assert.All(plan.Entries, entry => Assert.Same(declared[entry.Index], entry.Access));
        if (warning is null)
            Assert.Empty(plan.Warnings);
        else
            Assert.StartsWith(warning, Assert.Single(plan.Warnings));
    }
}
