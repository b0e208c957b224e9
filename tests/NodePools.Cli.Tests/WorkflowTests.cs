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

    private static JsonObject Review => Load("pull-request.yml")["jobs"]!["review"]!.AsObject();
    private static JsonObject Up => Load("deploy-stack.yml")["jobs"]!["up"]!.AsObject();

    private static JsonObject Uses(JsonObject job, string action) =>
        job["steps"]!.AsArray().OfType<JsonObject>().Single(s => ((string?)s["uses"])?.StartsWith(action + "@", StringComparison.Ordinal) == true);

    /// <summary>Every concurrency group a workflow names, the workflow's own and its jobs'.</summary>
    private static IEnumerable<(string Group, bool Cancels)> Groups(JsonObject workflow) =>
        new[] { workflow["concurrency"] }.Concat(workflow["jobs"]!.AsObject().Select(job => job.Value!["concurrency"]))
            .OfType<JsonObject>().Select(c => ((string)c["group"]!, (bool?)c["cancel-in-progress"] ?? false));

    [Fact]
    public void A_deployment_is_never_cancelled_nor_displaced_by_a_preview()
    {
        // GitHub keeps one pending run per group and cancels the older: a preview sharing a deployment's
        // group would drop the pending deployment. So no preview group is ever a deployment group.
        var deployGroups = Groups(Load("deploy.yml")).Concat(Groups(Load("deploy-stack.yml"))).ToList();
        Assert.Equal([("deploy", false), ("deploy-${{ inputs.stack }}", false)], deployGroups);
        foreach (var (group, _) in Groups(Load("pull-request.yml")))
        {
            foreach (var stack in new[] { "dev", "prod" })
            {
                var preview = group.Replace("${{ matrix.stack }}", stack, StringComparison.Ordinal);
                Assert.DoesNotContain(preview, deployGroups.Select(d => d.Group.Replace("${{ inputs.stack }}", stack, StringComparison.Ordinal)));
                Assert.DoesNotMatch("^(deploy|stack)-", preview);
            }
        }
        Assert.Equal("preview-${{ matrix.stack }}-pr-${{ github.event.pull_request.number }}", (string?)Review["concurrency"]!["group"]);
    }

    [Fact]
    public void Previews_run_with_the_preview_token_and_role_and_only_deployments_hold_the_deploy_credentials()
    {
        var preview = Uses(Review, "pulumi/actions");
        Assert.Equal("preview", (string?)preview["with"]!["command"]);
        Assert.Equal("${{ secrets.PULUMI_PREVIEW_ACCESS_TOKEN }}", (string?)preview["env"]!["PULUMI_ACCESS_TOKEN"]);
        Assert.Equal("${{ vars.AWS_PREVIEW_ROLE_ARN }}", (string?)Uses(Review, "aws-actions/configure-aws-credentials")["with"]!["role-to-assume"]);
        Assert.Equal("${{ matrix.stack }}-preview", (string?)Review["environment"]);
        // Nothing in a pull request's workflow names the deploy credentials or runs another command.
        var pullRequest = File.ReadAllText(Path.Combine(CliRunner.RepositoryRoot, ".github", "workflows", "pull-request.yml"));
        Assert.DoesNotContain("secrets.PULUMI_ACCESS_TOKEN", pullRequest);
        Assert.DoesNotContain("AWS_DEPLOY_ROLE_ARN", pullRequest);
        Assert.DoesNotContain("secrets: inherit", pullRequest);
        Assert.All(Steps(Load("pull-request.yml")).Where(s => ((string?)s["uses"])?.StartsWith("pulumi/actions@", StringComparison.Ordinal) == true),
            step => Assert.Equal("preview", (string?)step["with"]!["command"]));

        var deploy = Uses(Up, "pulumi/actions");
        Assert.Equal("up", (string?)deploy["with"]!["command"]);
        Assert.Equal("${{ secrets.PULUMI_ACCESS_TOKEN }}", (string?)deploy["env"]!["PULUMI_ACCESS_TOKEN"]);
        Assert.Equal("${{ vars.AWS_DEPLOY_ROLE_ARN }}", (string?)Uses(Up, "aws-actions/configure-aws-credentials")["with"]!["role-to-assume"]);
        Assert.True((bool)preview["with"]!["upsert"]! && (bool)deploy["with"]!["upsert"]!); // missing stacks are created
    }

    [Fact]
    public void Deployments_and_previews_refresh_first_so_the_autoscalers_sizes_are_never_reset()
    {
        Assert.True((bool)Uses(Up, "pulumi/actions")["with"]!["refresh"]!);
        Assert.True((bool)Uses(Review, "pulumi/actions")["with"]!["refresh"]!);
    }

    [Fact]
    public void Deployments_and_previews_run_on_the_runner_the_repository_variable_names()
    {
        // A self-hosted runner in the VPC reaches a private or CIDR-restricted endpoint; a hosted runner otherwise.
        const string runner = "${{ vars.NODEPOOLS_RUNNER || 'ubuntu-latest' }}";
        Assert.Equal(runner, (string?)Up["runs-on"]);
        Assert.Equal(runner, (string?)Review["runs-on"]);
        var readme = File.ReadAllText(Path.Combine(CliRunner.RepositoryRoot, "README.md"));
        Assert.Contains("NODEPOOLS_RUNNER", readme);
    }

    [Fact]
    public void After_up_each_deployment_audits_its_cluster_into_the_job_summary_without_failing_the_deployment()
    {
        var steps = Up["steps"]!.AsArray().OfType<JsonObject>().ToList();
        var up = steps.FindIndex(s => ((string?)s["uses"])?.StartsWith("pulumi/actions@", StringComparison.Ordinal) == true);
        var audit = steps.FindIndex(s => ((string?)s["run"])?.Contains("dotnet nodepools audit", StringComparison.Ordinal) == true);
        Assert.True(up >= 0 && audit > up, "the audit runs after pulumi up");
        var run = (string)steps[audit]["run"]!;
        Assert.Contains("--context \"$STACK\"", run);
        Assert.Contains("--output markdown >> \"$GITHUB_STEP_SUMMARY\"", run);
        Assert.Contains("aws eks update-kubeconfig --name \"$cluster\"", run);
        Assert.True((bool)steps[audit]["continue-on-error"]!);
        Assert.Equal("${{ inputs.stack }}", (string?)steps[audit]["env"]!["STACK"]);
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
