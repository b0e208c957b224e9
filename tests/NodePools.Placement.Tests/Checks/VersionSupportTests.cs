using NodePools.Placement.Checks;
using NodePools.Placement.Declaration;
using NodePools.Placement.Facts;
using NodePools.Placement.Input;
using NodePools.Placement.Pipeline;
using NodePools.Placement.Planning;
using NodePools.Tests.Shared;

namespace NodePools.Placement.Tests.Checks;

/// <summary>The Kubernetes version against EKS's dated support calendar.</summary>
public class VersionSupportTests
{
    private static CheckInput Stack(string version)
    {
        var text = StackText.File(StackText.BasePools).Replace("version: \"1.33\"", $"version: \"{version}\"", StringComparison.Ordinal);
        var declaration = DeclarationParser.FromStackFile(StackText.Project, "test", StructuredText.Parse("Pulumi.test.yaml", text)[0]);
        return new CheckInput(StackPipeline.Check(StackPlanner.Plan(declaration)).Verdicts, null);
    }

    public static TheoryData<string, string, string?> Days => new()
    {
        // version, the day of the check, the warning's start (or none)
        { "1.33", "2026-07-29", null },
        { "1.33", "2026-07-30", "runs Kubernetes 1.33, whose EKS standard support ended on 2026-07-29" },
        { "1.34", "2026-12-06", "runs Kubernetes 1.34, whose EKS standard support ended on 2026-12-02" },
        { "1.35", "2026-12-06", null },
        { "1.35", "2027-03-28", "runs Kubernetes 1.35, whose EKS standard support ended on 2027-03-27" },
        // A minor the table does not know (newer than it): no guess.
        { "1.40", "2027-01-01", null },
    };

    [Theory]
    [MemberData(nameof(Days))]
    public void A_version_past_standard_support_on_the_day_of_the_check_is_a_warning(string version, string day, string? warning)
    {
        var findings = VersionSupportRule.Check(Stack(version), DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        if (warning is null)
        {
            Assert.Empty(findings);
            return;
        }
        var finding = Assert.Single(findings);
        Assert.Equal((Severity.Warning, Rules.VersionPastStandardSupport.Id), (finding.Severity, finding.Rule));
        Assert.StartsWith(warning, finding.Message);
        Assert.StartsWith("upgrade ", finding.Fix);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void The_bundled_stacks_run_a_version_in_standard_support_today(string stack)
    {
        // Fails once the calendar passes the stacks' version: bump version and amiReleaseVersion then.
        var version = StackPipeline.PlanFromDirectory(Repository.Root, stack).Declaration.Cluster.Version;
        Assert.False(KubernetesVersions.PastStandardSupport(version, DateOnly.FromDateTime(DateTime.UtcNow)) ?? true,
            $"{stack} runs Kubernetes {version}, past (or unknown to) EKS standard support today");
    }
}
