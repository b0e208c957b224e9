using System.Text.Json;
using System.Text.Json.Nodes;
using NodePools.Components;
using NodePools.Placement.Deployment;
using NodePools.Placement.Planning;
using NodePools.Tests.Shared;
using Pulumi;
using Pulumi.Automation;
using Pulumi.Automation.Events;
using Aws = Pulumi.Aws;
using NodePools.Placement.Facts;
using NodePools.Placement.Pipeline;

namespace NodePools.Stacks.Tests;

/// <summary>
/// The real Automation API and engine against a file:// backend in a temporary folder, previewing
/// edits of a pool that already exists in the stack's state: a label edit updates the node group in
/// place, an instance-type edit replaces it. Needs the pulumi CLI (and the aws plugin it installs);
/// reported as skipped where the CLI is not on PATH. No AWS call is made: the provider is configured
/// offline and the pool's state is imported, as `pulumi stack import` would.
/// </summary>
public class AutomationPreviewTests
{
    private const string StackName = "automation-test";
    private const string LaunchTemplateId = "lt-0123456789abcdef0";
    private static readonly string[] Subnets = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"];

    private static NodeGroupSettings WorkerPool()
    {
        var plan = StackPipeline.PlanFromDirectory(StackConfig.RepositoryRoot, "dev");
        return NodeGroupSettings.For(plan.Pools.Single(pool => pool.Name == "worker"), plan.Declaration);
    }

    /// <summary>An explicit provider configured without any AWS call, and optionally the pool on it.</summary>
    private static PulumiFn Program(NodeGroupSettings? pool) => PulumiFn.Create(() =>
    {
        var provider = new Aws.Provider("aws", new Aws.ProviderArgs
        {
            Region = "us-east-1",
            SkipCredentialsValidation = true,
            SkipRequestingAccountId = true,
            SkipMetadataApiCheck = true,
            SkipRegionValidation = true,
        });
        if (pool is not null)
        {
            _ = new NodePool("worker", new NodePoolArgs
            {
                Settings = pool,
                ClusterName = "node-pools-dev",
                NodeRoleArn = "arn:aws:iam::123456789012:role/nodes",
                SubnetIds = Subnets,
            }, new ComponentResourceOptions { Providers = { provider } });
        }
    });

    private static async Task<WorkspaceStack> StackAsync(PulumiFn program, string backend, CancellationToken cancellation) =>
        await LocalWorkspace.CreateOrSelectStackAsync(new InlineProgramArgs("node-pools", StackName, program)
        {
            EnvironmentVariables = new Dictionary<string, string?>
            {
                ["PULUMI_BACKEND_URL"] = $"file://{backend}",
                ["PULUMI_CONFIG_PASSPHRASE"] = "automation-test",
                // The provider wants credentials to configure; nothing here calls AWS with them.
                ["AWS_ACCESS_KEY_ID"] = "preview-only",
                ["AWS_SECRET_ACCESS_KEY"] = "preview-only",
            },
        }, cancellation);

    private static async Task<List<StepEventMetadata>> PreviewStepsAsync(WorkspaceStack stack, CancellationToken cancellation)
    {
        var steps = new List<StepEventMetadata>();
        await stack.PreviewAsync(new PreviewOptions
        {
            OnEvent = e =>
            {
                if (e.ResourcePreEvent?.Metadata is { } step)
                    lock (steps) steps.Add(step);
            },
        }, cancellation);
        return steps;
    }

    private static StepEventMetadata NodeGroupStep(IEnumerable<StepEventMetadata> steps) =>
        steps.First(s => s.Type == "aws:eks/nodeGroup:NodeGroup");

    [Fact]
    public async Task On_an_existing_pool_a_label_edit_updates_the_node_group_and_an_instance_type_edit_replaces_it()
    {
        if (PulumiCli.Find() is null)
            SkipUnlessRequired($"the pulumi CLI is not on PATH: {PulumiCli.InstallHint}");
        var cancellation = TestContext.Current.CancellationToken;
        var backend = Directory.CreateTempSubdirectory("nodepools-backend-").FullName;
        var pool = WorkerPool();

        // 1. A real update that creates only the provider: the state then holds it as the engine wrote it.
        using (var providerOnly = await StackAsync(Program(null), backend, cancellation))
        {
            // The aws plugin this SDK needs: installed by the CLI from its release, which needs the network once.
            var version = typeof(Aws.Provider).Assembly.GetName().Version!;
            try
            {
                await providerOnly.Workspace.InstallPluginAsync("aws", $"v{version.Major}.{version.Minor}.{version.Build}", PluginKind.Resource, cancellation);
            }
            catch (Pulumi.Automation.Commands.Exceptions.CommandException ex)
            {
                SkipUnlessRequired($"the pulumi aws plugin {version.ToString(3)} is not installed and could not be installed: {ex.Message.Split('\n')[0]}");
            }
            await providerOnly.UpAsync(new UpOptions(), cancellation);
        }

        // 2. What the engine would create for the pool: its resources' checked inputs, from a preview.
        using var stack = await StackAsync(Program(pool), backend, cancellation);
        // The Auto Scaling group's tags name a group only AWS knows: they stay to be created, the node group's steps are what is read.
        var creations = (await PreviewStepsAsync(stack, cancellation)).Where(s => s.Op == OperationType.Create && s.Type != "aws:autoscaling/tag:Tag").Select(s => s.New!).ToList();
        Assert.Contains(creations, s => s.Type == "aws:eks/nodeGroup:NodeGroup");

        // 3. The pool as if it had been deployed: those resources imported into the state.
        var deployment = JsonNode.Parse((await stack.ExportStackAsync(cancellation)).Json.GetRawText())!;
        var resources = deployment["deployment"]!["resources"]!.AsArray();
        foreach (var created in creations)
            resources.Add(Deployed(created));
        await stack.ImportStackAsync(StackDeployment.FromJsonString(deployment.ToJsonString()), cancellation);

        // 4. The same pool with a label edited, then with its instance types edited.
        var relabelled = pool with { Labels = new Dictionary<string, string>(pool.Labels) { ["example.com/tier"] = "relabelled" } };
        using (var edited = await StackAsync(Program(relabelled), backend, cancellation))
        {
            var step = NodeGroupStep(await PreviewStepsAsync(edited, cancellation));
            Assert.True(step.Op == OperationType.Update, $"a label edit: expected update, the engine planned {step.Op} ({Changed(step)})");
            Assert.Contains("labels", Changed(step));
        }
        var resized = pool with { InstanceTypes = pool.InstanceTypes.Contains("m7i.2xlarge") ? ["m6i.2xlarge"] : ["m7i.2xlarge"] };
        using (var edited = await StackAsync(Program(resized), backend, cancellation))
        {
            var steps = (await PreviewStepsAsync(edited, cancellation)).Where(s => s.Type == "aws:eks/nodeGroup:NodeGroup").ToList();
            Assert.Contains(steps, s => s.Op is OperationType.Replace or OperationType.CreateReplacement);
            Assert.Contains("instanceTypes", Changed(steps.First(s => s.Op is OperationType.Replace or OperationType.CreateReplacement)));
        }
    }

    /// <summary>
    /// Where the engine cannot run here, the test is skipped with the reason; under REQUIRE_PULUMI=1
    /// (CI) that is a failure: the real engine must have run.
    /// </summary>
    internal static void SkipUnlessRequired(string reason)
    {
        if (Required(Environment.GetEnvironmentVariable(RequirePulumi)))
            Assert.Fail($"{RequirePulumi}=1 and {reason}");
        Assert.Skip(reason);
    }

    internal static bool Required(string? requirePulumi) => requirePulumi == "1";

    internal const string RequirePulumi = "REQUIRE_PULUMI";

    private static string Changed(StepEventMetadata step) =>
        string.Join(", ", step.DetailedDiff?.Keys ?? step.Diffs ?? []);

    /// <summary>
    /// A resource the preview would create, as the state holds it once created: its checked inputs, and
    /// as outputs those inputs plus what AWS computes (ids, ARNs, the launch template's version). The
    /// launch template reference the preview could not know yet is resolved to the imported template.
    /// </summary>
    private static JsonObject Deployed(StepEventStateMetadata created)
    {
        var resource = new JsonObject { ["urn"] = created.Urn, ["custom"] = created.Custom ?? false, ["type"] = created.Type };
        if (!string.IsNullOrEmpty(created.Parent))
            resource["parent"] = created.Parent;
        if (created.Custom != true)
            return resource;

        var inputs = JsonNode.Parse(JsonSerializer.Serialize(created.Inputs))!.AsObject();
        var outputs = JsonNode.Parse(JsonSerializer.Serialize(created.Inputs))!.AsObject();
        outputs.Remove("__defaults");
        outputs["tagsAll"] = outputs["tags"]?.DeepClone() ?? new JsonObject();
        string id;
        switch (created.Type)
        {
            case "aws:ec2/launchTemplate:LaunchTemplate":
                id = LaunchTemplateId;
                outputs["name"] = $"{(string?)inputs["namePrefix"]}20260101000000000000000001";
                outputs["latestVersion"] = 1;
                outputs["defaultVersion"] = 1;
                outputs["arn"] = $"arn:aws:ec2:us-east-1:123456789012:launch-template/{id}";
                break;
            case "aws:eks/nodeGroup:NodeGroup":
                var name = $"{(string?)inputs["nodeGroupNamePrefix"]}20260101000000000000000002";
                id = $"node-pools-dev:{name}";
                var template = new JsonObject { ["id"] = LaunchTemplateId, ["version"] = "1" };
                inputs["launchTemplate"] = template.DeepClone();
                outputs["launchTemplate"] = new JsonObject { ["id"] = LaunchTemplateId, ["name"] = "", ["version"] = "1" };
                outputs["nodeGroupName"] = name;
                outputs["arn"] = $"arn:aws:eks:us-east-1:123456789012:nodegroup/node-pools-dev/{name}/0";
                outputs["status"] = "ACTIVE";
                break;
            default:
                throw new InvalidOperationException($"the pool registered an unexpected resource type {created.Type}");
        }
        outputs["id"] = id;
        var text = inputs.ToJsonString();
        Assert.False(text.Contains("04da6b54-80e4-46f7-96ec-b56ff0331ba9", StringComparison.Ordinal), $"{created.Urn}: an input still unknown: {text}");
        resource["id"] = id;
        resource["inputs"] = inputs;
        resource["outputs"] = outputs;
        if (!string.IsNullOrEmpty(created.Provider))
            resource["provider"] = created.Provider;
        return resource;
    }
}

/// <summary>The preview test's own rule: where the engine cannot run, CI (REQUIRE_PULUMI=1) fails rather than skips.</summary>
public class RequirePulumiTests
{
    [Theory]
    [InlineData("1", true)]
    [InlineData(null, false)]
    [InlineData("0", false)]
    [InlineData("", false)]
    public void Only_REQUIRE_PULUMI_1_requires_the_engine(string? value, bool required) =>
        Assert.Equal(required, AutomationPreviewTests.Required(value));

    [Fact]
    public void Under_REQUIRE_PULUMI_1_an_engine_that_cannot_run_fails_the_preview_test()
    {
        var before = Environment.GetEnvironmentVariable(AutomationPreviewTests.RequirePulumi);
        Environment.SetEnvironmentVariable(AutomationPreviewTests.RequirePulumi, "1");
        try
        {
            // A failure, not a skip (xunit reports a caught skip as skipped all the same: only the failure is observed here).
            var failure = Assert.ThrowsAny<Exception>(() => AutomationPreviewTests.SkipUnlessRequired("the aws plugin could not be installed"));
            Assert.Equal("FailException", failure.GetType().Name);
            Assert.Equal("REQUIRE_PULUMI=1 and the aws plugin could not be installed", failure.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(AutomationPreviewTests.RequirePulumi, before);
        }
    }
}
