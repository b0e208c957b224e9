using System.Text.Json;

namespace NodePools.Cli.Tests;

public class PlanCommandTests
{
    private static string Root => CliRunner.RepositoryRoot;


    private const string Pools = """
        config:
          node-pools:cluster: {name: t, version: "1.33", availabilityZones: [us-east-1a, us-east-1b], autoscaler: false}
          node-pools:pools:
            gpu:
              instanceTypes: [g5.xlarge]
              scaling: {min: 0, max: 2}
              labels: {gpu: "true"}
              taints: [{key: workload, value: high-resource, effect: NoSchedule}]
        """;

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void The_example_stacks_plan_and_check_clean(string stack)
    {
        Assert.Equal(0, CliRunner.Run("check", stack, "--dir", Root, "--no-render").Exit);
        var (exit, output, _) = CliRunner.Run("plan", stack, "--dir", Root, "--no-render");
        Assert.Equal(0, exit);
        Assert.Contains("Where each slot can run", output);
        Assert.Contains("union/scheduling", output);
        Assert.Contains("✓ required", output);
    }

    [Fact]
    public void Json_output_carries_pools_slots_verdicts_and_findings()
    {
        var (exit, output, _) = CliRunner.Run("plan", "dev", "--dir", Root, "--output", "json", "--no-render");
        Assert.Equal(0, exit);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.Equal("dev", report.GetProperty("stack").GetString());
        Assert.Equal(6, report.GetProperty("pools").GetArrayLength());
        var union = report.GetProperty("slots").EnumerateArray().First(s => s.GetProperty("id").GetString() == "union/scheduling");
        Assert.Equal("union.ai/node-role", union.GetProperty("tolerations")[0].GetProperty("key").GetString());
        var verdicts = union.GetProperty("verdicts").EnumerateArray().ToDictionary(v => v.GetProperty("pool").GetString()!, v => v.GetProperty("placement").GetString());
        Assert.Equal("required", verdicts["services"]);
        Assert.Equal("blocked", verdicts["worker"]);
        Assert.Equal(0, report.GetProperty("summary").GetProperty("errors").GetInt32());
        var tekton = report.GetProperty("releases").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "tekton-pipeline");
        Assert.Contains("effect: NoExecute", tekton.GetProperty("values").GetProperty("configDefaults").GetProperty("default-pod-template").GetString());
    }

    [Fact]
    public void Plan_shows_the_vCPUs_each_EC2_quota_needs_at_min_desired_and_max_in_every_format()
    {
        // prod: on-demand Standard = system 2-4 × m6i.large (2), services 3-6 × m6i.2xlarge (8), data-store 3 × r6i.xlarge (4), dispatch 2-6 × m6i.xlarge (4).
        var json = JsonDocument.Parse(CliRunner.Run("plan", "prod", "--dir", Root, "--output", "json", "--no-render").Out).RootElement;
        var quotas = json.GetProperty("vcpuQuotas").GetProperty("quotas").EnumerateArray().ToDictionary(q => q.GetProperty("code").GetString()!);
        Assert.Equal(["L-1216C47A", "L-DB2E81BA", "L-34B43A08"], quotas.Keys);
        var standard = quotas["L-1216C47A"];
        Assert.Equal((48, 48, 92), (standard.GetProperty("min").GetInt32(), standard.GetProperty("desired").GetInt32(), standard.GetProperty("max").GetInt32()));
        Assert.Equal("ON_DEMAND", standard.GetProperty("capacityType").GetString());
        var gpu = quotas["L-DB2E81BA"].GetProperty("pools").EnumerateArray().Single();
        Assert.Equal(("gpu", "8", 8, 32), (gpu.GetProperty("pool").GetString(), gpu.GetProperty("vcpusPerNode").GetString(), gpu.GetProperty("min").GetInt32(), gpu.GetProperty("max").GetInt32()));

        var markdown = CliRunner.Run("plan", "prod", "--dir", Root, "-o", "markdown", "--no-render").Out;
        Assert.Contains("### EC2 vCPU quotas", markdown);
        Assert.Contains("| `L-1216C47A` | Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances | system (2), services (8), data-store (4), dispatch (4) | 48 | 48 | 92 |", markdown);
        Assert.Contains("| `L-34B43A08` | All Standard (A, C, D, H, I, M, R, T, Z) Spot Instance Requests | worker (8) | 16 | 16 | 160 |", markdown);

        var table = CliRunner.Run("plan", "prod", "--dir", Root, "--no-render").Out;
        Assert.Contains("EC2 vCPU quotas", table);
        Assert.Contains("L-DB2E81BA", table);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void The_README_lists_the_vCPUs_the_plan_computes_for_each_bundled_stack(string stack)
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var json = JsonDocument.Parse(CliRunner.Run("plan", stack, "--dir", Root, "--output", "json", "--no-render").Out).RootElement;
        foreach (var quota in json.GetProperty("vcpuQuotas").GetProperty("quotas").EnumerateArray())
        {
            var pools = string.Join(", ", quota.GetProperty("pools").EnumerateArray().Select(p => $"{p.GetProperty("pool").GetString()} ({p.GetProperty("vcpusPerNode").GetString()})"));
            var row = $"| {stack} | `{quota.GetProperty("code").GetString()}` ";
            var line = readme.Split('\n').SingleOrDefault(l => l.StartsWith(row, StringComparison.Ordinal));
            Assert.True(line is not null, $"README: no row for {row}");
            Assert.EndsWith($"| {pools} | {quota.GetProperty("min").GetInt32()} | {quota.GetProperty("desired").GetInt32()} | {quota.GetProperty("max").GetInt32()} |", line);
        }
    }

    [Fact]
    public void Markdown_output_is_a_pull_request_comment()
    {
        var (exit, output, _) = CliRunner.Run("plan", "prod", "--dir", Root, "-o", "markdown", "--no-render");
        Assert.Equal(0, exit);
        Assert.StartsWith("## Placement plan: node-pools / prod", output);
        Assert.Contains("| `postgresql/readReplicas` | pool: data-store |", output);
        Assert.Contains("### Findings", output);
    }

    /// <summary>A stack file as most are written: no aws:region; a pool that may scale, so the Cluster Autoscaler runs.</summary>
    private static string WithoutRegion(string zones) => $$"""
        config:
          node-pools:cluster: {name: t, version: "1.33"{{zones}}}
          node-pools:pools:
            system:
              instanceTypes: [m6i.large]
              scaling: {min: 1, max: 3}
              labels: {role: system}
        """;

    [Theory]
    [InlineData(", availabilityZones: [eu-west-1a, eu-west-1b]", "eu-west-1")]
    [InlineData("", null)]
    public void A_stack_without_aws_region_plans_and_the_autoscaler_gets_the_region_it_names(string zones, string? region)
    {
        var environment = Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION");
        Assert.SkipWhen(region is null && environment is { Length: > 0 }, $"AWS_REGION is set here ({environment}) and names the region");
        var dir = CliRunner.Project(WithoutRegion(zones));
        var (exit, output, error) = CliRunner.Run("plan", "test", "--dir", dir, "-o", "json", "--no-render");
        Assert.True(exit == 0, error);
        var autoscaler = JsonDocument.Parse(output).RootElement.GetProperty("releases").EnumerateArray()
            .Single(r => r.GetProperty("name").GetString() == "cluster-autoscaler");
        Assert.Equal(region ?? Placement.Declaration.StackRegion.AtDeployment, autoscaler.GetProperty("values").GetProperty("awsRegion").GetString());
        Assert.Equal(0, CliRunner.Run("check", "test", "--dir", dir, "--no-render").Exit);
    }

    /// <summary>One untainted pool with a node: a release on it has no findings of its own.</summary>
    private const string SystemPool = """
        config:
          node-pools:cluster: {name: t, version: "1.35", availabilityZones: [us-east-1a, us-east-1b], autoscaler: false}
          node-pools:pools:
            system:
              instanceTypes: [m6i.large]
              scaling: {min: 1, desired: 1, max: 1}
              labels: {role: system}
        """;

    private static string Release(string name, string slots) =>
        $"{name}:\n  chart: c\n  repository: https://example.com\n  version: \"1\"\n  namespace: ns\n  intent: {{pool: system}}"
        + (slots.Length == 0 ? "" : $"\n  slots: {slots}");

    public static TheoryData<string, string, string?> Unchecked => new()
    {
        // the releases, the output format, what the report says of the releases it could not check (null: nothing)
        { Release("a", "[{path: x}]"), "table", null },
        { Release("a", ""), "table", "1 release(s) declare no slots and were not checked, because their charts were not rendered: a" },
        { Release("a", "") + "\n" + Release("b", "") + "\n" + Release("c", "[{path: x}]"), "table", "2 release(s) declare no slots and were not checked, because their charts were not rendered: a, b" },
        { Release("a", ""), "markdown", "> 1 release(s) declare no slots and were not checked" },
    };

    [Theory]
    [MemberData(nameof(Unchecked))]
    public void Check_without_rendering_says_which_releases_it_could_not_check_and_how_to_check_them(string releases, string format, string? note)
    {
        var dir = CliRunner.Project(SystemPool + "\n  node-pools:releases:\n" + string.Join("\n", releases.Split('\n').Select(line => "    " + line)));
        var (exit, output, error) = CliRunner.Run("check", "test", "--dir", dir, "--no-render", "-o", format);
        Assert.True(exit == 0, output + error);
        var flat = string.Join(" ", output.Split('\n', StringSplitOptions.TrimEntries));
        if (note is null)
        {
            Assert.DoesNotContain("were not checked", flat);
            Assert.Contains("every slot lands only on the pools meant for it", flat);
            return;
        }
        Assert.Contains(note, flat);
        Assert.Contains("--render", flat);
        Assert.Contains("--charts DIR", flat);
        Assert.DoesNotContain("every slot lands only on the pools meant for it", flat);
    }

    [Fact]
    public void Json_lists_the_releases_nothing_checked()
    {
        var dir = CliRunner.Project(SystemPool + "\n  node-pools:releases:\n" + string.Join("\n", Release("a", "").Split('\n').Select(line => "    " + line)));
        var (exit, output, _) = CliRunner.Run("plan", "test", "--dir", dir, "--no-render", "-o", "json");
        Assert.Equal(0, exit);
        Assert.Equal(["a"], JsonDocument.Parse(output).RootElement.GetProperty("unchecked").EnumerateArray().Select(r => r.GetString()));
    }

    private const string Intents = """
        config:
          node-pools:cluster: {name: t, version: "1.33", availabilityZones: [us-east-1a, us-east-1b], autoscaler: false}
          node-pools:pools:
            system:
              instanceTypes: [m6i.large]
              scaling: {min: 1, desired: 1, max: 1}
              labels: {role: system}
            batch:
              instanceTypes: [m6i.large]
              scaling: {min: 1, desired: 1, max: 1}
              labels: {role: batch}
          node-pools:releases:
            r:
              chart: c
              repository: https://example.com
              version: "1"
              namespace: ns
              intent: {pool: [system, batch]}
              slots:
                - path: both
                - {path: preferring, intent: {prefer: [{pool: batch, weight: 80}], avoid: system}}
                - {path: tolerating, intent: {pool: system, tolerations: [{key: spot, operator: Exists, effect: NoSchedule}]}}
        """;

    public static TheoryData<string, string, string> IntentData => new()
    {
        // slot (or release), the intent's text, the intent as data
        { "r/both", "pool: system | batch",
            """{"kind":"required","pools":[{"pool":"system","relation":"required","weight":null},{"pool":"batch","relation":"required","weight":null}],"tolerations":[]}""" },
        { "r/preferring", "prefer: batch (80), avoid: system (50)",
            """{"kind":"ranked","pools":[{"pool":"batch","relation":"preferred","weight":80},{"pool":"system","relation":"avoided","weight":50}],"tolerations":[]}""" },
        { "r/tolerating", "pool: system, +1 toleration(s)",
            """{"kind":"required","pools":[{"pool":"system","relation":"required","weight":null}],"tolerations":[{"key":"spot","operator":"Exists","effect":"NoSchedule"}]}""" },
        { "release r", "pool: system | batch",
            """{"kind":"required","pools":[{"pool":"system","relation":"required","weight":null},{"pool":"batch","relation":"required","weight":null}],"tolerations":[]}""" },
    };

    [Theory]
    [MemberData(nameof(IntentData))]
    public void Json_gives_each_slots_and_releases_intent_as_data_beside_its_text(string subject, string text, string data)
    {
        var (exit, output, error) = CliRunner.Run("plan", "test", "--dir", CliRunner.Project(Intents), "--no-render", "-o", "json");
        Assert.True(exit == 0, error);
        var report = JsonDocument.Parse(output).RootElement;
        var holder = subject.StartsWith("release ", StringComparison.Ordinal)
            ? report.GetProperty("releases").EnumerateArray().Single(r => r.GetProperty("name").GetString() == subject["release ".Length..])
            : report.GetProperty("slots").EnumerateArray().Single(s => s.GetProperty("id").GetString() == subject);
        Assert.Equal(text, holder.GetProperty("intent").GetString());
        Assert.Equal(data, JsonSerializer.Serialize(holder.GetProperty("intentData")));
    }

    [Fact]
    public void Error_findings_exit_1()
    {
        var dir = CliRunner.Project(Pools + "\n" + """
              node-pools:releases:
                r:
                  chart: c
                  repository: https://example.com
                  version: "1"
                  namespace: ns
                  slots: [{path: x, intent: {pool: gpu}, replicas: 5, spreadAcrossNodes: true, podLabels: {app: x}}]
            """);
        var (exit, output, error) = CliRunner.Run("check", "test", "--dir", dir);
        Assert.True(exit == 1, error);
        Assert.Contains("spread-exceeds-max", output);
    }

    [Fact]
    public void A_stack_whose_every_pool_is_tainted_is_checked_and_exits_1_with_every_finding()
    {
        // The gpu pool may scale, so the Cluster Autoscaler runs; no pool is free of a blocking taint.
        var dir = CliRunner.Project(Pools.Replace(", autoscaler: false", "", StringComparison.Ordinal));
        var (exit, output, error) = CliRunner.Run("check", "test", "--dir", dir, "--no-render");
        Assert.True(exit == 1, output + error);
        Assert.Contains("autoscaler-unhosted", output);
        Assert.Contains("coredns-unhosted", output);
    }

    [Fact]
    public void Invalid_declarations_exit_2_naming_file_key_and_rule_without_a_stack_trace()
    {
        var dir = CliRunner.Project(Pools.Replace("effect: NoSchedule", "effect: NO_SCHEDULE") + "\n  node-pools:releases:\n    r: {chart: c, repository: x, version: \"1\", namespace: ns, slots: [{path: x, intent: {pool: gpus}}]}\n");
        var (exit, output, error) = CliRunner.Run("plan", "test", "--dir", dir);
        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("Pulumi.test.yaml:", error);
        Assert.Contains("node-pools:pools.gpu.taints[0].effect: taint effect \"NO_SCHEDULE\": write the Kubernetes spelling \"NoSchedule\"", error);
        Assert.Contains("node-pools:releases.r.slots[0].intent.pool: unknown pool \"gpus\"", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void A_missing_stack_file_exits_2()
    {
        var (exit, _, error) = CliRunner.Run("check", "staging", "--dir", Root);
        Assert.Equal(2, exit);
        Assert.Contains("Pulumi.staging.yaml: file not found", error);
    }

    [Fact]
    public void Malformed_YAML_exits_2_with_line_and_column()
    {
        var dir = CliRunner.Project("config:\n  node-pools:pools: {gpu: [\n");
        var (exit, _, error) = CliRunner.Run("plan", "test", "--dir", dir);
        Assert.Equal(2, exit);
        Assert.Matches(@"Pulumi\.test\.yaml:\d+:\d+: malformed YAML", error);
    }
}
