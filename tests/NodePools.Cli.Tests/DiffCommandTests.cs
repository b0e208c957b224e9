using System.Text.Json;

namespace NodePools.Cli.Tests;

public class DiffCommandTests
{
    private static string Root => CliRunner.RepositoryRoot;

    [Fact]
    public void The_same_stack_has_no_changes_and_exits_0()
    {
        var (exit, output, _) = CliRunner.Run("diff", Path.Combine(Root, "Pulumi.prod.yaml"), "prod", "--dir", Root, "--no-render");
        Assert.Equal(0, exit);
        Assert.Contains("No pool changes.", output);
        Assert.Contains("No hazards", output);
    }

    [Fact]
    public void A_version_bump_shows_the_order_it_deploys_in_every_format()
    {
        var stack = File.ReadAllText(Path.Combine(Root, "Pulumi.prod.yaml"));
        var baseFile = CliRunner.TempFile(stack.Replace("version: \"1.35\"", "version: \"1.34\"", StringComparison.Ordinal)
            .Replace("    amiReleaseVersion: 1.35.5-20260520\n", "", StringComparison.Ordinal));

        var json = JsonDocument.Parse(CliRunner.Run("diff", baseFile, "prod", "--dir", Root, "-o", "json", "--no-render").Out).RootElement;
        var steps = json.GetProperty("upgradeOrder").EnumerateArray().Select(step => step.GetString()).ToList();
        Assert.Equal("the control plane: Kubernetes 1.34 → 1.35", steps[0]);
        Assert.Equal("the protected node groups, after every other: data-store", steps[3]);

        var markdown = CliRunner.Run("diff", baseFile, "prod", "--dir", Root, "-o", "markdown", "--no-render").Out;
        Assert.Contains("### Upgrade order\n\n1. the control plane: Kubernetes 1.34 → 1.35\n", markdown);
        Assert.Contains("Upgrade order", CliRunner.Run("diff", baseFile, "prod", "--dir", Root, "--no-render").Out);
    }

    [Fact]
    public void A_new_NoExecute_taint_is_an_error_hazard_in_every_format()
    {
        var stack = File.ReadAllText(Path.Combine(Root, "Pulumi.dev.yaml"));
        var baseFile = CliRunner.TempFile(stack.Replace("        - {key: workload, value: dispatch, effect: NoExecute}\n", ""));

        var (exit, output, _) = CliRunner.Run("diff", baseFile, "dev", "--dir", Root, "-o", "json", "--no-render");
        Assert.Equal(1, exit);
        var report = JsonDocument.Parse(output).RootElement;
        var hazard = report.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("rule").GetString() == "taint-before-toleration");
        Assert.Equal("error", hazard.GetProperty("severity").GetString());
        Assert.Equal("pool dispatch", hazard.GetProperty("subject").GetString());
        Assert.Equal("in place", report.GetProperty("pools")[0].GetProperty("fields")[0].GetProperty("effect").GetString());

        var markdown = CliRunner.Run("diff", baseFile, "dev", "--dir", Root, "-o", "markdown", "--no-render").Out;
        Assert.StartsWith("## Placement changes: node-pools / dev", markdown);
        Assert.Contains("deploy twice", markdown);
    }

    [Fact]
    public void A_broken_base_file_exits_2_naming_it()
    {
        var baseFile = CliRunner.TempFile("config:\n  node-pools:pools: [\n");
        var (exit, _, error) = CliRunner.Run("diff", baseFile, "dev", "--dir", Root, "--no-render");
        Assert.Equal(2, exit);
        Assert.Contains(baseFile, error);
    }
}
