using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NodePools.Placement.Input;

namespace NodePools.Cli.Tests;

/// <summary>The CI workflows parse, run the project's own tests first, and pass only inputs their actions declare.</summary>
public class WorkflowTests
{
    private static readonly Dictionary<string, string[]> ActionInputs = new()
    {
        // pulumi/actions v6.6.1 action.yml
        ["pulumi/actions"] = ["command", "stack-name", "pulumi-version", "pulumi-version-file", "work-dir", "comment-on-pr", "comment-on-pr-number",
            "comment-on-summary", "github-token", "cloud-url", "secrets-provider", "parallel", "message", "config-map", "expect-no-changes", "diff",
            "replace", "exclude", "exclude-dependents", "target", "target-dependents", "refresh", "upsert", "remove", "edit-pr-comment", "color",
            "exclude-protected", "plan", "suppress-outputs", "suppress-progress", "always-include-summary", "continue-on-error", "log-verbosity",
            "log-flow", "debug"],
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

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Actions_are_pinned_by_commit_with_their_release_named(string file)
    {
        var uses = File.ReadLines(Path.Combine(CliRunner.RepositoryRoot, ".github", "workflows", file))
            .Select(line => Regex.Match(line, @"uses:\s*(?<action>[^\s@]+)@(?<ref>\S+)(?<comment>.*)$"))
            .Where(match => match.Success && !match.Groups["action"].Value.StartsWith("./", StringComparison.Ordinal));
        foreach (var match in uses)
        {
            Assert.Matches("^[0-9a-f]{40}$", match.Groups["ref"].Value);
            Assert.Matches(@"^\s*# v\d", match.Groups["comment"].Value); // the release the commit is, for whoever bumps it
        }
    }

    [Fact]
    public void The_build_tests_with_helm_and_the_Pulumi_CLI_and_never_falls_back()
    {
        var test = Load("build.yml")["jobs"]!["test"]!["steps"]!.AsArray().OfType<JsonObject>().ToList();
        var run = test.FindIndex(s => (string?)s["run"] == "./test.sh");
        Assert.True(run >= 0, "build.yml: the test job runs ./test.sh");
        Assert.Equal("1", (string?)test[run]["env"]!["REQUIRE_PULUMI"]); // no Pulumi-free fallback in CI
        var before = test.Take(run).ToList();
        Assert.Contains(before, s => ((string?)s["uses"])?.StartsWith("azure/setup-helm@", StringComparison.Ordinal) == true); // the rendering tests
        var pulumi = Assert.Single(before, s => ((string?)s["uses"])?.StartsWith("pulumi/actions@", StringComparison.Ordinal) == true);
        Assert.Null(pulumi["with"]?["command"]); // install only: the Automation API tests need the CLI on PATH
        var packs = string.Join("\n", Load("build.yml")["jobs"]!["tool"]!["steps"]!.AsArray().Select(s => (string?)s!["run"] ?? ""));
        Assert.Contains("dotnet pack cli -c Release -r linux-x64", packs);
    }

    [Fact]
    public void Pull_requests_build_first_then_check_diff_and_preview_each_stack_with_a_comment()
    {
        var workflow = Load("pull-request.yml");
        Assert.Equal("write", (string?)workflow["permissions"]!["pull-requests"]);
        Assert.Equal("./.github/workflows/build.yml", (string?)workflow["jobs"]!["build"]!["uses"]);
        Assert.Equal("build", (string?)workflow["jobs"]!["review"]!["needs"]);
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
        Assert.Equal("./.github/workflows/build.yml", (string?)deploy["jobs"]!["build"]!["uses"]);
        Assert.Equal("build", (string?)deploy["jobs"]!["dev"]!["needs"]);
        Assert.Equal("dev", (string?)deploy["jobs"]!["prod"]!["needs"]);
        Assert.Equal("${{ inputs.stack }}", (string?)Load("deploy-stack.yml")["jobs"]!["up"]!["environment"]);
    }
}
