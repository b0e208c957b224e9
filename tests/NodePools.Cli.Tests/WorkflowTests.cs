using System.Text.Json.Nodes;
using NodePools.Placement.Input;

namespace NodePools.Cli.Tests;

/// <summary>The CI workflows parse, run the project's own tests first, and pass only inputs their actions declare.</summary>
public class WorkflowTests
{
    private static readonly Dictionary<string, string[]> ActionInputs = new()
    {
        // pulumi/actions action.yml
        ["pulumi/actions"] = ["command", "stack-name", "work-dir", "comment-on-pr", "github-token", "cloud-url", "secrets-provider", "parallel",
            "message", "configMap", "expect-no-changes", "diff", "replace", "target", "target-dependents", "policyPacks", "policyPackConfigs",
            "refresh", "upsert", "edit-pr-comment", "color"],
        ["aws-actions/configure-aws-credentials"] = ["role-to-assume", "aws-region", "role-session-name", "role-duration-seconds", "audience"],
        ["actions/setup-dotnet"] = ["dotnet-version", "global-json-file"],
        ["actions/checkout"] = ["fetch-depth", "ref"],
        ["azure/setup-helm"] = ["version", "token", "downloadBaseURL"],
        ["actions/upload-artifact"] = ["name", "path", "if-no-files-found", "retention-days"],
        ["actions/download-artifact"] = ["name", "path"],
    };

    public static TheoryData<string> Workflows => new(Directory.GetFiles(Path.Combine(CliRunner.RepositoryRoot, ".github", "workflows"), "*.yml").Select(Path.GetFileName)!);

    private static JsonObject Load(string file) =>
        (JsonObject)StructuredText.LoadFile(Path.Combine(CliRunner.RepositoryRoot, ".github", "workflows", file))[0].Root!;

    private static IEnumerable<JsonObject> Steps(JsonObject workflow) =>
        workflow["jobs"]!.AsObject().Select(job => job.Value!["steps"]).OfType<JsonArray>().SelectMany(steps => steps.OfType<JsonObject>());

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Actions_get_only_inputs_they_declare(string file)
    {
        foreach (var step in Steps(Load(file)).Where(s => s["uses"] is not null))
        {
            var action = ((string)step["uses"]!).Split('@')[0];
            Assert.True(ActionInputs.TryGetValue(action, out var known), $"{file}: unexpected action {action}");
            foreach (var (input, _) in step["with"]?.AsObject() ?? [])
                Assert.True(known.Contains(input), $"{file}: {action} has no input '{input}'");
        }
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void No_stored_AWS_keys(string file)
    {
        var text = File.ReadAllText(Path.Combine(CliRunner.RepositoryRoot, ".github", "workflows", file));
        Assert.DoesNotContain("AWS_SECRET_ACCESS_KEY", text);
        Assert.DoesNotContain("aws-access-key-id", text);
    }

    [Fact]
    public void Pull_requests_test_first_then_check_diff_and_preview_each_stack_with_a_comment()
    {
        var workflow = Load("pull-request.yml");
        Assert.Equal("write", (string?)workflow["permissions"]!["pull-requests"]);
        Assert.Equal(["test", "tool"], workflow["jobs"]!["review"]!["needs"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("./test.sh", (string?)workflow["jobs"]!["test"]!["steps"]![3]!["run"]);
        Assert.Equal("1", (string?)workflow["jobs"]!["test"]!["steps"]![3]!["env"]!["REQUIRE_PULUMI"]); // no Pulumi-free fallback in CI
        Assert.StartsWith("azure/setup-helm@", (string?)workflow["jobs"]!["test"]!["steps"]![2]!["uses"]); // the rendering tests need helm
        var review = workflow["jobs"]!["review"]!;
        Assert.Equal(["dev", "prod"], review["strategy"]!["matrix"]!["stack"]!.AsArray().Select(s => (string?)s));
        var runs = string.Join("\n", review["steps"]!.AsArray().Select(s => (string?)s!["run"] ?? ""));
        Assert.Contains("dotnet tool restore --add-source artifacts", runs);
        Assert.Contains("dotnet nodepools check ${{ matrix.stack }} --render", runs);
        Assert.Contains("dotnet nodepools diff base.yaml ${{ matrix.stack }} --render", runs);
        Assert.DoesNotContain("--project cli", runs); // the packed tool, not a build per step
        Assert.Contains(review["steps"]!.AsArray(), s => ((string?)s!["uses"])?.StartsWith("azure/setup-helm@", StringComparison.Ordinal) == true);
        var preview = Steps(workflow).Single(s => ((string?)s["uses"])?.StartsWith("pulumi/actions") == true);
        Assert.Equal(("preview", true, true, true), ((string?)preview["with"]!["command"], (bool)preview["with"]!["comment-on-pr"]!, (bool)preview["with"]!["diff"]!, (bool)preview["with"]!["edit-pr-comment"]!));
    }

    [Fact]
    public void Previews_and_deployments_of_a_stack_share_one_concurrency_group_and_previews_cannot_deploy()
    {
        var review = Load("pull-request.yml")["jobs"]!["review"]!;
        var up = Load("deploy-stack.yml")["jobs"]!["up"]!;
        Assert.Equal("stack-${{ matrix.stack }}", (string?)review["concurrency"]!["group"]);
        Assert.Equal("stack-${{ inputs.stack }}", (string?)up["concurrency"]!["group"]);
        Assert.False((bool)up["concurrency"]!["cancel-in-progress"]!);
        var preview = review["steps"]!.AsArray().Single(s => ((string?)s!["uses"])?.StartsWith("pulumi/actions") == true)!;
        var deploy = up["steps"]!.AsArray().Single(s => ((string?)s!["uses"])?.StartsWith("pulumi/actions") == true)!;
        Assert.NotEqual((string?)deploy["env"]!["PULUMI_ACCESS_TOKEN"], (string?)preview["env"]!["PULUMI_ACCESS_TOKEN"]);
        Assert.Contains("AWS_PREVIEW_ROLE_ARN", Load("pull-request.yml").ToJsonString());
        Assert.True((bool)preview["with"]!["upsert"]! && (bool)deploy["with"]!["upsert"]!); // missing stacks are created
    }

    [Fact]
    public void Main_deploys_dev_then_prod_in_its_environment()
    {
        var deploy = Load("deploy.yml");
        Assert.Equal(["test", "tool"], deploy["jobs"]!["dev"]!["needs"]!.AsArray().Select(n => (string?)n));
        var packs = string.Join("\n", deploy["jobs"]!["tool"]!["steps"]!.AsArray().Select(s => (string?)s!["run"] ?? ""));
        Assert.Contains("dotnet pack cli -c Release -r linux-x64", packs);
        Assert.Equal("dev", (string?)deploy["jobs"]!["prod"]!["needs"]);
        Assert.Equal("${{ inputs.stack }}", (string?)Load("deploy-stack.yml")["jobs"]!["up"]!["environment"]);
    }
}
