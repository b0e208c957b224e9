using System.Text.Json;
using System.Text.Json.Nodes;
using NodePools.Placement.Audit;
using NodePools.Placement.Pipeline;
using NodePools.Tests.Shared;

namespace NodePools.Cli.Tests;

/// <summary>`nodepools audit`: a cluster snapshot against a stack, the exit codes, and the example the README shows.</summary>
public sealed class AuditCommandTests : IDisposable
{
    /// <summary>The README's example: the bundled dev stack as deployed, with a taint added by hand and a pod scheduled before the worker taint.</summary>
    private static readonly string Example = Repository.Path("examples", "audit", "dev-snapshot.json");

    private readonly string _directory = Directory.CreateTempSubdirectory("nodepools-audit-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static JsonObject DevSnapshot() => StackSnapshots.Build(StackPipeline.PlanFromDirectory(Repository.Root, "dev"));

    [Fact]
    public void The_dev_stack_deployed_as_declared_audits_clean()
    {
        var file = StackSnapshots.Write(DevSnapshot(), _directory);
        var (exit, output, error) = CliRunner.Run("audit", "dev", "-C", Repository.Root, "--snapshot", file, "--no-render", "-o", "markdown");
        Assert.True(exit == 0, error + output);
        Assert.Contains("## Audit of stack `dev`", output);
        Assert.Contains("| services | 4 | 4 | 0 |", output);
        Assert.Contains("No findings: every node carries its pool's labels and taints", output);
        Assert.Contains("by Helm release labels", output);
    }

    [Fact]
    public void The_readme_example_reports_its_two_planted_drifts_and_exits_1()
    {
        var (exit, output, _) = CliRunner.Run("audit", "dev", "-C", Repository.Root, "--snapshot", Example, "--no-render", "-o", "json");
        Assert.Equal(1, exit);
        var findings = JsonDocument.Parse(output).RootElement.GetProperty("findings").EnumerateArray()
            .Select(finding => (finding.GetProperty("rule").GetString(), finding.GetProperty("subject").GetString())).ToList();
        Assert.Equal([("node-drift", "node ip-10-1-0-1.ec2.internal (pool services)"), ("pod-off-pool", "argo-cd argocd/Deployment/argo-cd-0")], findings);
        var services = JsonDocument.Parse(output).RootElement.GetProperty("pools").EnumerateArray().Single(pool => pool.GetProperty("pool").GetString() == "services");
        Assert.Equal((4, 1), (services.GetProperty("nodes").GetInt32(), services.GetProperty("findings").GetInt32()));
        Assert.True(services.GetProperty("cpuAllocatableMillicores").GetInt64() > services.GetProperty("cpuRequestedMillicores").GetInt64());
    }

    /// <summary>Writes the example again (NODEPOOLS_WRITE_EXAMPLES=1) from the dev stack: run it when the stack changes.</summary>
    [Fact]
    public void The_readme_example_is_the_dev_stack_with_its_drifts_planted()
    {
        var snapshot = DevSnapshot();
        var services = StackSnapshots.Item(snapshot, "Node", "ip-10-1-0-1.ec2.internal");
        services["spec"]!["taints"]!.AsArray().Add(new JsonObject { ["key"] = "maintenance", ["value"] = "true", ["effect"] = "NoSchedule" });
        var argo = StackSnapshots.Items(snapshot, "Pod").First(pod => ((string)pod["metadata"]!["name"]!).StartsWith("argo-cd-0-", StringComparison.Ordinal));
        argo["spec"]!["nodeName"] = "ip-10-2-0-0.ec2.internal"; // a worker node
        var text = snapshot.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        if (Environment.GetEnvironmentVariable("NODEPOOLS_WRITE_EXAMPLES") == "1")
            File.WriteAllText(Example, text);
        Assert.Equal(text, File.ReadAllText(Example));
    }

    [Fact]
    public void A_truncated_snapshot_is_invalid_input_naming_the_file_and_position()
    {
        var file = Path.Combine(_directory, "cut.json");
        var text = StackSnapshots.Write(DevSnapshot(), _directory) is var full ? File.ReadAllText(full) : "";
        File.WriteAllText(file, text[..(text.Length / 2)]);
        var (exit, _, error) = CliRunner.Run("audit", "dev", "-C", Repository.Root, "--snapshot", file, "--no-render");
        Assert.Equal(2, exit);
        Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(file)}:\d+:\d+: .*malformed JSON", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Theory]
    [InlineData(new[] { "audit", "dev", "--no-render" }, "pass --snapshot FILE")]
    [InlineData(new[] { "audit", "dev", "--snapshot", "a.json", "--context", "prod" }, "--snapshot and --context both name a cluster")]
    [InlineData(new[] { "audit", "dev", "--snapshot", "a.json", "--kubeconfig", "k" }, "--kubeconfig is read with --context")]
    public void The_cluster_is_named_once(string[] args, string words)
    {
        var (exit, _, error) = CliRunner.Run([.. args, "-C", Repository.Root]);
        Assert.Equal(2, exit);
        Assert.Contains(words, error);
    }

    [Fact]
    public void A_context_is_read_by_kubectl_and_its_failure_is_reported_with_kubectls_words()
    {
        Assert.SkipWhen(KubectlRunner.Locate() is null, "kubectl is not on PATH: --context runs the real kubectl");
        // A kubeconfig whose only cluster listens nowhere: the real kubectl fails to connect, and says so.
        var kubeconfig = Path.Combine(_directory, "kubeconfig");
        File.WriteAllText(kubeconfig, """
            apiVersion: v1
            kind: Config
            clusters: [{name: nowhere, cluster: {server: "https://127.0.0.1:1"}}]
            users: [{name: nobody, user: {token: x}}]
            contexts: [{name: nowhere, context: {cluster: nowhere, user: nobody}}]
            current-context: nowhere
            """);
        var (exit, _, error) = CliRunner.Run("audit", "dev", "-C", Repository.Root, "--context", "nowhere", "--kubeconfig", kubeconfig, "--no-render");
        Assert.Equal(2, exit);
        Assert.Contains("kubectl could not read context nowhere", error);
        Assert.Contains("127.0.0.1:1", error);
    }

    [Fact]
    public void The_snapshot_command_is_the_one_the_runner_runs()
    {
        Assert.Equal(["get", SnapshotReader.KubectlKinds, "--all-namespaces", "--output", "json", "--context", "prod", "--kubeconfig", "/k"],
            KubectlRunner.SnapshotArguments("prod", "/k"));
    }
}
