using NodePools.Tests.Shared;

namespace NodePools.Stacks.Tests;

/// <summary>The driver's own decisions, made before the Pulumi CLI is involved.</summary>
public class StackCommandTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var log = new StringWriter();
        var parse = StackCommands.Create(output, log).Parse(args);
        var exit = parse.Errors.Count > 0 ? StackCommands.InvalidInput : parse.Invoke();
        return (exit, output.ToString(), log.ToString());
    }

    private static string Project(string stackFile)
    {
        var dir = Directory.CreateTempSubdirectory("nodepools-stacks-").FullName;
        File.WriteAllText(Path.Combine(dir, "Pulumi.yaml"), "name: node-pools\nruntime: dotnet\n");
        File.WriteAllText(Path.Combine(dir, "Pulumi.test.yaml"), stackFile);
        return dir;
    }

    private static readonly string WithErrors = File.ReadAllText(Path.Combine(StackConfig.RepositoryRoot, "Pulumi.dev.yaml"))
        .Replace("          requests: {nvidia.com/gpu: \"1\"}", "          requests: {nvidia.com/gpu: \"1\"}\n          replicas: 5\n          spreadAcrossNodes: true\n          podLabels: {app: inference}");

    [Fact]
    public void Up_refuses_a_stack_with_error_findings_without_force()
    {
        var (exit, _, log) = Run("up", "test", "--dir", Project(WithErrors));
        Assert.Equal(StackCommands.Failed, exit);
        Assert.Contains("spread-exceeds-max", log);
        Assert.Contains("Refusing to deploy", log);
    }

    [Fact]
    public void Invalid_declarations_exit_2_before_any_deployment()
    {
        var (exit, _, log) = Run("preview", "test", "--dir", Project("config:\n  node-pools:pools: {p: {instanceTypes: [m6i.large]}}\n"));
        Assert.Equal(StackCommands.InvalidInput, exit);
        Assert.Contains("Pulumi.test.yaml", log);
        Assert.Contains("node-pools:cluster: is required", log);
    }

    [Fact]
    public void Review_needs_its_base_file()
    {
        var (exit, _, _) = Run("review", "dev");
        Assert.Equal(StackCommands.InvalidInput, exit);
    }

    [Fact]
    public void Without_the_pulumi_CLI_a_deployment_says_how_to_install_it()
    {
        if (PulumiCli.Find() is not null)
            Assert.Skip("the pulumi CLI is on PATH here; this checks the message shown where it is not");
        var (exit, _, log) = Run("preview", "dev", "--dir", StackConfig.RepositoryRoot);
        Assert.Equal(StackCommands.NoPulumiCli, exit);
        Assert.Contains("install the Pulumi CLI", log);
    }
}
