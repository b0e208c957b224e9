using System.Text.Json;

namespace NodePools.Cli.Tests;

public class ExplainCommandTests
{
    private static readonly string Nodes = CliRunner.Example("explain/nodes.yaml");
    private static readonly string Pods = CliRunner.Example("explain/pods.yaml");

    [Fact]
    public void Json_output_is_one_entry_per_pair_pods_outer_nodes_inner()
    {
        var (exit, output, _) = CliRunner.Run("explain", "--nodes", Nodes, "--pods", Pods, "--output", "json");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var pairs = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(12, pairs.Count);
        Assert.Equal(
            ["trainer/services-1", "trainer/gpu-1", "trainer/data-store-1", "reporting/services-1"],
            pairs.Take(4).Select(p => $"{p.GetProperty("pod").GetString()}/{p.GetProperty("node").GetString()}"));
        foreach (var pair in pairs)
        {
            Assert.Equal(["pod", "node", "schedulable", "reasons", "preferredScore", "untoleratedPreferNoSchedule"],
                pair.EnumerateObject().Select(property => property.Name));
        }
    }

    [Fact]
    public void Json_output_carries_verdicts_reasons_and_scores()
    {
        var (_, output, _) = CliRunner.Run("explain", "--nodes", Nodes, "--pods", Pods, "-o", "json");
        var pairs = JsonDocument.Parse(output).RootElement.EnumerateArray()
            .ToDictionary(p => $"{p.GetProperty("pod").GetString()}/{p.GetProperty("node").GetString()}");

        Assert.True(pairs["trainer/gpu-1"].GetProperty("schedulable").GetBoolean());
        Assert.Equal(["node(s) had untolerated taint {workload: data-store}"],
            pairs["reporting/data-store-1"].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(50, pairs["batch-sweeper/services-1"].GetProperty("preferredScore").GetInt32());
        Assert.True(pairs["batch-sweeper/data-store-1"].GetProperty("schedulable").GetBoolean());
        Assert.Equal(0, pairs["batch-sweeper/data-store-1"].GetProperty("untoleratedPreferNoSchedule").GetInt32());
        Assert.Equal(1, pairs["trainer/data-store-1"].GetProperty("untoleratedPreferNoSchedule").GetInt32());
        Assert.Equal(["node(s) had untolerated taint {workload: high-resource}"],
            pairs["device-plugin/gpu-1"].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        // Taint and affinity both refuse; kube-scheduler stops at TaintToleration and reports only that.
        Assert.Equal(["node(s) had untolerated taint {workload: data-store}"],
            pairs["trainer/data-store-1"].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public void Table_output_shows_the_matrix_the_refusals_and_the_pending_pods()
    {
        var (exit, output, error) = CliRunner.Run("explain", "--nodes", Nodes, "--pods", Pods);
        Assert.Equal(0, exit);
        Assert.Contains("services-1", output);
        Assert.Contains("✓ fits", output);
        Assert.Contains("reporting → data-store-1: node(s) had untolerated taint {workload: data-store}", output);
        Assert.Contains("and, once that is fixed: node(s) didn't match Pod's node affinity/selector", output);
        Assert.Contains("reporting fits no node: it would stay Pending.", output);
        Assert.Contains("4 pod(s) × 3 node(s): 4 of 12 pairs fit.", output);
        Assert.Contains("note: trainer: ExtendedResourceToleration", error);
    }

    [Fact]
    public void A_node_that_states_its_allocatable_refuses_pods_that_ask_for_more()
    {
        var pods = CliRunner.TempFile("kind: Pod\nmetadata: {name: big}\nspec:\n  tolerations: [{operator: Exists}]\n  containers: [{name: c, resources: {limits: {nvidia.com/gpu: 2}}}]\n");
        var pairs = JsonDocument.Parse(CliRunner.Run("explain", "--nodes", Nodes, "--pods", pods, "-o", "json").Out).RootElement.EnumerateArray()
            .ToDictionary(p => p.GetProperty("node").GetString()!);
        Assert.Equal(["Insufficient nvidia.com/gpu"], pairs["gpu-1"].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.True(pairs["services-1"].GetProperty("schedulable").GetBoolean()); // states no allocatable: not checked
    }

    [Fact]
    public void Upstream_mode_drops_the_extended_resource_toleration()
    {
        var nodes = CliRunner.TempFile("kind: Node\nmetadata: {name: g}\nspec: {taints: [{key: nvidia.com/gpu, effect: NoSchedule}]}\n");
        var pods = CliRunner.TempFile("kind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, resources: {limits: {nvidia.com/gpu: 1}}}]}\n");
        var eks = JsonDocument.Parse(CliRunner.Run("explain", "--nodes", nodes, "--pods", pods, "-o", "json").Out).RootElement[0];
        var upstream = JsonDocument.Parse(CliRunner.Run("explain", "--nodes", nodes, "--pods", pods, "-o", "json", "--no-extended-resource-toleration").Out).RootElement[0];
        Assert.True(eks.GetProperty("schedulable").GetBoolean());
        Assert.False(upstream.GetProperty("schedulable").GetBoolean());
    }

    public static TheoryData<string, string, string> BadInputs => new()
    {
        { "kind: Node\nmetadata: {name: a\n", "kind: Pod\nmetadata: {name: p}\nspec: {}\n", "malformed YAML" },
        { "kind: Node\nmetadata: {name: a}\nspec: {taints: {key: k}}\n", "kind: Pod\nmetadata: {name: p}\nspec: {}\n", "spec.taints: the value has the wrong type" },
        { "kind: Node\nmetadata: {name: a}\n", "kind: Service\nmetadata: {name: s}\n", "kind \"Service\" has no pod template" },
        { "kind: Node\nmetadata: {name: a}\n", "- just\n- a list\n", "expected a Kubernetes object" },
        { "kind: Node\nmetadata: {name: a}\n", "kind: Pod\nmetadata: {name: p}\nspec: {affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: k, operator: In, values: a}]}]}}}}\n", "matchExpressions[0].values: the value has the wrong type" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_exits_2_with_a_located_message_and_no_stack_trace(string nodes, string pods, string expected)
    {
        var nodesFile = CliRunner.TempFile(nodes);
        var podsFile = CliRunner.TempFile(pods);
        var (exit, output, error) = CliRunner.Run("explain", "--nodes", nodesFile, "--pods", podsFile, "-o", "json");
        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains(expected, error);
        Assert.Contains(".yaml:", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void Helm_template_output_is_read_for_its_workloads_and_the_rest_is_noted_as_skipped()
    {
        var nodes = CliRunner.TempFile("kind: Node\nmetadata: {name: a}\n");
        var pods = CliRunner.TempFile("---\n# Source: c/templates/svc.yaml\napiVersion: v1\nkind: Service\nmetadata: {name: s}\n---\n"
                                      + "# Source: c/templates/deploy.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {}}}\n");
        var (exit, output, error) = CliRunner.Run("explain", "--nodes", nodes, "--pods", pods, "-o", "json");
        Assert.Equal(0, exit);
        Assert.Equal("d", System.Text.Json.JsonDocument.Parse(output).RootElement[0].GetProperty("pod").GetString());
        Assert.Contains($"note: {pods}: skipped 1 object(s) that carry no pod template: Service", error);
    }

    [Fact]
    public void Errors_in_both_files_are_reported_together()
    {
        var (exit, _, error) = CliRunner.Run("explain", "--nodes", "/missing/nodes.yaml", "--pods", "/missing/pods.yaml");
        Assert.Equal(2, exit);
        Assert.Contains("/missing/nodes.yaml: file not found", error);
        Assert.Contains("/missing/pods.yaml: file not found", error);
    }

    [Theory]
    [InlineData("explain", "--pods", "p.yaml")]
    [InlineData("explain", "--nodes", "n.yaml", "--pods", "p.yaml", "--output", "xml")]
    [InlineData("explian")]
    public void Usage_errors_exit_2(params string[] args)
    {
        var (exit, _, error) = CliRunner.Run(args);
        Assert.Equal(2, exit);
        Assert.Contains("error:", error);
    }

    [Fact]
    public void Wide_inputs_switch_to_one_row_per_pod()
    {
        var nodes = CliRunner.TempFile(string.Join("---\n", Enumerable.Range(1, 10).Select(i => $"kind: Node\nmetadata: {{name: node-{i}}}\n")));
        var pods = CliRunner.TempFile("kind: Pod\nmetadata: {name: p}\nspec: {nodeName: node-3}\n");
        var (_, output, _) = CliRunner.Run("explain", "--nodes", nodes, "--pods", pods);
        Assert.Contains("best nodes", output); // the per-pod table's header
        Assert.Contains("1/10", output);
        Assert.Contains("node-3", output);
        Assert.Contains("9: node(s) didn't match the requested node name", output);
        Assert.Contains("1 pod(s) × 10 node(s), 1 kind(s) of pod × 1 kind(s) of node: 0 pod(s) fit no node.", output);
    }

    /// <summary>Ten nodes whose hostname label is their name, as kubectl get nodes shows them on EKS.</summary>
    private static string TenNamedNodes() => CliRunner.TempFile(string.Join("---\n", Enumerable.Range(1, 10).Select(i =>
        $"kind: Node\nmetadata: {{name: node-{i}, labels: {{kubernetes.io/hostname: node-{i}}}}}\n")));

    private const string ToNode3 = "{requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchFields: [{key: metadata.name, operator: In, values: [node-3]}]}]}}";

    /// <summary>Pods that name node-3, each way a pod can: on its node once, refused by the other nine once each.</summary>
    public static TheoryData<string, string, string, string> NamingPods => new()
    {
        { "a bound pod", "spec: {nodeName: node-3}", "node-3", "9: node(s) didn't match the requested node name" },
        { "a bound DaemonSet pod", $"spec: {{nodeName: node-3, affinity: {{nodeAffinity: {ToNode3}}}}}", "node-3", "9: node(s) didn't match the requested node name" },
        { "a DaemonSet pod before binding", $"spec: {{affinity: {{nodeAffinity: {ToNode3}}}}}", "node-3", "9: node(s) didn't match Pod's node affinity/selector" },
        { "a hostname selector", "spec: {nodeSelector: {kubernetes.io/hostname: node-3}}", "node-3", "9: node(s) didn't match Pod's node affinity/selector" },
    };

    [Theory]
    [MemberData(nameof(NamingPods))]
    public void A_pod_that_names_its_node_counts_that_node_once(string _, string spec, string best, string refused)
    {
        var nodes = TenNamedNodes();
        var pods = CliRunner.TempFile($"kind: Pod\nmetadata: {{name: p}}\n{spec}\n");

        var summary = JsonDocument.Parse(CliRunner.Run("explain", "--nodes", nodes, "--pods", pods, "-o", "summary").Out).RootElement[0];
        Assert.Equal(1, summary.GetProperty("schedulableNodes").GetInt32());
        Assert.Equal([best], summary.GetProperty("bestNodes").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal([9], summary.GetProperty("reasons").EnumerateObject().Select(r => r.Value.GetInt32()));

        var (_, table, _) = CliRunner.Run("explain", "--nodes", nodes, "--pods", pods);
        Assert.Contains("1/10", table);
        Assert.Contains(refused, table);
        Assert.DoesNotContain($"{best}, {best}", table);
    }
}
