using NodePools.Placement.Deployment;
using NodePools.Tests.Shared;

namespace NodePools.Infra.Tests;

/// <summary>
/// The creator's access entry, against an account that refuses a second entry for a principal as EKS
/// does: the first `up` of a fresh account, and later deployments by someone else.
/// </summary>
public class ClusterAccessTests
{
    private const string AccessEntry = "aws:eks/accessEntry:AccessEntry";
    private const string Engineers = "arn:aws:iam::123456789012:role/platform-engineers";
    private const string Preview = "arn:aws:iam::123456789012:role/nodepools-preview";

    public static TheoryData<string> Stacks => ["dev", "prod"];

    private static IReadOnlyList<string> Principals(EchoMocks mocks) =>
        mocks.OfType(AccessEntry).Select(r => (string)r.Inputs["principalArn"]).Order().ToList();

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task On_a_fresh_account_the_deploy_role_creates_the_cluster_and_gets_no_second_entry(string stack)
    {
        StackConfig.Use(StackConfig.FromStackFile(stack));
        var (mocks, _) = await ProgramRun.RunAsync(stack);

        // The caller is an STS session: the program asked whose role it is.
        var context = Assert.Single(mocks.Calls, c => c.Token == "aws:iam/getSessionContext:getSessionContext");
        Assert.Equal(mocks.Account.CallerArn, context.Args["arn"]);
        Assert.Equal([Preview, Engineers], Principals(mocks));
        var cluster = mocks.OfType("eks:index:Cluster").Single();
        Assert.Equal(MockAccount.DeployRole, MockValues.Map(cluster.Inputs["clusterTags"])[AccessEntryPlan.CreatorTag]);
        // EKS holds exactly one entry per principal: the creator's own and the stack's.
        Assert.Equal([MockAccount.DeployRole, Preview, Engineers], mocks.Account.AccessEntries((string)cluster.Inputs["name"]).Order());
    }

    [Fact]
    public async Task A_later_deployment_by_an_engineer_leaves_out_the_recorded_creator_not_itself()
    {
        StackConfig.Use(StackConfig.FromStackFile("dev"));
        var account = new MockAccount
        {
            CallerArn = "arn:aws:sts::123456789012:assumed-role/platform-engineers/alice",
            ExistingClusters = new Dictionary<string, string?> { ["nodepools-dev"] = MockAccount.DeployRole },
        };
        var (mocks, warnings) = await ProgramRun.RunAsync("dev", account);

        // The same entries as the deploy role's own deployments: none deleted, none created twice.
        Assert.Equal([Preview, Engineers], Principals(mocks));
        // The creator is read from the cluster, not from who deploys now.
        Assert.DoesNotContain(mocks.Calls, c => c.Token == "aws:iam/getSessionContext:getSessionContext");
        Assert.Equal(MockAccount.DeployRole, MockValues.Map(mocks.OfType("eks:index:Cluster").Single().Inputs["clusterTags"])[AccessEntryPlan.CreatorTag]);
        Assert.DoesNotContain(warnings, w => w.Contains("created the cluster", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cluster_that_does_not_record_its_creator_is_taken_as_the_deployers_with_a_warning()
    {
        StackConfig.Use(StackConfig.FromStackFile("dev"));
        var account = new MockAccount { ExistingClusters = new Dictionary<string, string?> { ["nodepools-dev"] = null } };
        var (mocks, warnings) = await ProgramRun.RunAsync("dev", account);

        Assert.Equal([Preview, Engineers], Principals(mocks));
        Assert.Contains(warnings, w => w.Contains($"does not record its creator (tag {AccessEntryPlan.CreatorTag}): taking {MockAccount.DeployRole}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_creator_the_stack_does_not_list_keeps_its_entry_and_is_named_in_a_warning()
    {
        StackConfig.Use(StackConfig.FromStackFile("dev"));
        var account = new MockAccount { CallerArn = "arn:aws:iam::123456789012:user/bootstrap" };
        var (mocks, warnings) = await ProgramRun.RunAsync("dev", account);

        Assert.Equal([MockAccount.DeployRole, Preview, Engineers], Principals(mocks));
        Assert.Contains(warnings, w => w.StartsWith("arn:aws:iam::123456789012:user/bootstrap created the cluster and keeps the cluster-admin access entry", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_account_refuses_a_second_entry_for_the_creator_as_EKS_does()
    {
        // The rule the program works around lives in the mocked account: an entry for the creator fails.
        var account = new MockAccount();
        account.CreateCluster("c");
        var refusal = Assert.Throws<InvalidOperationException>(() => account.CreateAccessEntry("c", MockAccount.DeployRole));
        Assert.Contains("ResourceInUseException", refusal.Message);
        account.CreateAccessEntry("c", Preview);
        Assert.Throws<InvalidOperationException>(() => account.CreateAccessEntry("c", Preview));
    }
}
