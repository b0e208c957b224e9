using NodePools.Placement.Input;
using NodePools.Placement.Manifests;

namespace NodePools.Placement.Tests.Manifests;

public class ManifestReaderTests
{
    private static ReadResult<PodSource> Pods(string text) => ManifestReader.ReadPods(StructuredText.Parse("pods.yaml", text));
    private static ReadResult<Placement.Kubernetes.Node> Nodes(string text) => ManifestReader.ReadNodes(StructuredText.Parse("nodes.yaml", text));

    private static InvalidInputException Invalid(Action read) => Assert.Throws<InvalidInputException>(read);

    public static TheoryData<string, string> Workloads => new()
    {
        { "Pod", "spec: {nodeName: n1}" },
        { "PodTemplate", "template: {spec: {nodeName: n1}}" },
        { "Deployment", "spec: {template: {spec: {nodeName: n1}}}" },
        { "StatefulSet", "spec: {template: {spec: {nodeName: n1}}}" },
        { "DaemonSet", "spec: {template: {spec: {nodeName: n1}}}" },
        { "ReplicaSet", "spec: {template: {spec: {nodeName: n1}}}" },
        { "ReplicationController", "spec: {template: {spec: {nodeName: n1}}}" },
        { "Job", "spec: {template: {spec: {nodeName: n1}}}" },
        { "CronJob", "spec: {jobTemplate: {spec: {template: {spec: {nodeName: n1}}}}}" },
    };

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Every_workload_kind_yields_its_pod_template(string kind, string body)
    {
        var pod = Assert.Single(Pods($"kind: {kind}\nmetadata: {{name: w}}\n{body}\n").Items);
        Assert.Equal(("w", kind, "n1"), (pod.Name, pod.Kind, pod.Spec.NodeName));
    }

    /// <summary>helm template output: comments, Services, ConfigMaps, RBAC and a custom resource around the workloads.</summary>
    private const string HelmTemplate = """
        ---
        # Source: chart/templates/service.yaml
        apiVersion: v1
        kind: Service
        metadata: {name: api}
        spec: {ports: [{port: 80}], selector: {app: api}}
        ---
        # Source: chart/templates/config.yaml
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: config}
        data: {a: b}
        ---
        # Source: chart/templates/deployment.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api}
        spec: {template: {spec: {nodeName: n1}}}
        ---
        # Source: chart/templates/service-2.yaml
        apiVersion: v1
        kind: Service
        metadata: {name: api-headless}
        ---
        # Source: chart/templates/prometheus.yaml
        apiVersion: monitoring.coreos.com/v1
        kind: Prometheus
        metadata: {name: main}
        spec: {replicas: 1}
        """;

    /// <summary>The file, what explain reads of it (pods), and the note on what it skipped (null: nothing skipped).</summary>
    public static TheoryData<string, string, string?> Skipping => new()
    {
        { HelmTemplate, "api", "skipped 4 object(s) that carry no pod template: Service ×2, ConfigMap, Prometheus" },
        { "kind: Pod\nmetadata: {name: p}\nspec: {}\n", "p", null },
        { "kind: List\nitems:\n  - {kind: Secret, metadata: {name: s}}\n  - {kind: Pod, metadata: {name: p}, spec: {}}\n", "p", "skipped 1 object(s) that carry no pod template: Secret" },
    };

    [Theory]
    [MemberData(nameof(Skipping))]
    public void Objects_that_carry_no_pods_are_skipped_and_counted_in_yaml_and_json(string text, string pods, string? note)
    {
        var fromYaml = Pods(text);
        Assert.Equal(pods, string.Join(",", fromYaml.Items.Select(pod => pod.Name)));
        Assert.Equal(note, fromYaml.SkippedNote);

        var json = Path.Combine(Directory.CreateTempSubdirectory("nodepools-manifests").FullName, "pods.json");
        File.WriteAllText(json, string.Join("\n", StructuredText.Parse("pods.yaml", text).Where(d => d.Root is not null).Select(d => d.Root!.ToJsonString())));
        var fromJson = ManifestReader.ReadPods(json);
        Assert.Equal(pods, string.Join(",", fromJson.Items.Select(pod => pod.Name)));
        Assert.Equal(note, fromJson.SkippedNote);
    }

    [Theory]
    [InlineData("kind: Service\nmetadata: {name: s}\n---\nkind: ConfigMap\nmetadata: {name: c}\n")]
    [InlineData("kind: List\nitems: [{kind: Service, metadata: {name: s}}]\n")]
    public void A_file_with_no_object_that_carries_pods_is_still_refused_at_its_first_object(string text)
    {
        var error = Assert.Single(Invalid(() => Pods(text)).Errors);
        Assert.Contains("kind \"Service\" has no pod template, and no object in the file has one", error.Message);
        Assert.Equal(1, error.Document);
    }

    [Fact]
    public void An_object_without_a_kind_is_still_an_error_among_skipped_ones()
    {
        var errors = Invalid(() => Pods("kind: Service\nmetadata: {name: s}\n---\nmetadata: {name: x}\n---\nkind: Pod\nmetadata: {name: p}\nspec: {}\n")).Errors;
        Assert.Equal((2, "kind is required (e.g. Node, Pod, Deployment)"), (Assert.Single(errors).Document!.Value, errors[0].Message));
    }

    [Fact]
    public void Several_documents_and_Lists_are_read_in_order()
    {
        var result = Pods("""
            kind: Pod
            metadata: {name: a}
            spec: {}
            ---
            ---
            kind: List
            items:
              - {kind: Pod, metadata: {name: b}, spec: {}}
              - {kind: Deployment, metadata: {name: c}, spec: {template: {spec: {}}}}
            ---
            kind: PodList
            items:
              - {kind: Pod, metadata: {name: d}, spec: {}}
            """);
        Assert.Equal(["a", "b", "c", "d"], result.Items.Select(pod => pod.Name));
    }

    [Fact]
    public void JSON_with_several_values_is_read()
    {
        var result = ManifestReader.ReadNodes(StructuredText.Parse("nodes.json", """
            {"kind": "Node", "metadata": {"name": "a", "labels": {"gpu": "true"}}}
            {"kind": "NodeList", "items": [{"kind": "Node", "metadata": {"name": "b"}, "spec": {"taints": [{"key": "k", "effect": "NoSchedule"}]}}]}
            """));
        Assert.Equal(["a", "b"], result.Items.Select(node => node.Metadata.Name));
        Assert.Equal("k", result.Items[1].Spec!.Taints![0].Key);
    }

    [Fact]
    public void Unquoted_YAML_numbers_and_booleans_in_string_fields_keep_their_text()
    {
        var node = Assert.Single(Nodes("kind: Node\nmetadata:\n  name: n\n  labels: {gpu: true, cores: 8, version: 1.10}\n").Items);
        Assert.Equal("true", node.Metadata.Labels!["gpu"]);
        Assert.Equal("8", node.Metadata.Labels["cores"]);
        Assert.Equal("1.10", node.Metadata.Labels["version"]);
    }

    [Fact]
    public void Malformed_YAML_names_file_line_and_column()
    {
        var error = Assert.Single(Invalid(() => Pods("kind: Pod\nspec:\n  nodeName: [a\n")).Errors);
        Assert.Equal("pods.yaml", error.File);
        Assert.NotNull(error.Line);
        Assert.StartsWith("malformed YAML", error.Message);
    }

    [Fact]
    public void Malformed_JSON_names_file_and_line()
    {
        var error = Assert.Single(Invalid(() => StructuredText.Parse("nodes.json", "{\"kind\": \"Node\",\n \"metadata\": }")).Errors);
        Assert.Equal(2, error.Line);
        Assert.StartsWith("malformed JSON", error.Message);
    }

    [Fact]
    public void A_wrong_type_names_document_field_and_line()
    {
        var error = Assert.Single(Invalid(() => Nodes("kind: Node\nmetadata: {name: a}\n---\nkind: Node\nmetadata: {name: b}\nspec:\n  taints: oops\n")).Errors);
        Assert.Equal((2, "spec.taints", 7), (error.Document!.Value, error.Field, error.Line!.Value));
        Assert.Contains("expected a list", error.Message);
        Assert.Equal("nodes.yaml:7:11: document 2, spec.taints: the value has the wrong type here (expected a list)", error.ToString());
    }

    [Fact]
    public void A_null_string_reads_as_empty_as_Go_decodes_it_and_is_warned_about()
    {
        var result = Nodes("kind: Node\nmetadata: {name: a, labels: {x: ~}}\nspec:\n  taints:\n    - key: ~\n      effect: NoSchedule\n");
        Assert.Equal("", result.Items[0].Spec!.Taints![0].Key);
        Assert.Equal("", result.Items[0].Metadata.Labels!["x"]);
        Assert.Contains(result.Warnings, w => w.Field == "spec.taints[0].key");
    }

    [Fact]
    public void A_null_where_an_object_is_required_is_an_error()
    {
        var error = Assert.Single(Invalid(() => Nodes("kind: Node\nmetadata: ~\n")).Errors);
        Assert.Equal(("metadata", "must not be null"), (error.Field, error.Message));
    }

    [Fact]
    public void A_missing_field_keeps_its_default_and_is_never_null()
    {
        // Found by fuzzing: a source-generated reader passes null for a missing init-only property.
        var node = Assert.Single(Nodes("kind: Node\nmetadata: {name: a}\nspec:\n  taints: [{effect: NoSchedule}]\n").Items);
        Assert.Equal("", node.Spec!.Taints![0].Key);
        var nameless = Assert.Single(Pods("kind: Pod\nspec: {affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{values: [a]}]}]}}}}\n").Items);
        Assert.Equal("", nameless.Spec.Affinity!.NodeAffinity!.RequiredDuringSchedulingIgnoredDuringExecution!.NodeSelectorTerms![0].MatchExpressions![0].Key);
    }

    [Fact]
    public void A_node_status_allocatable_is_read()
    {
        var node = Assert.Single(Nodes("kind: Node\nmetadata: {name: a}\nstatus: {allocatable: {cpu: 3920m, nvidia.com/gpu: 1}}\n").Items);
        Assert.Equal("3920m", node.Status!.Allocatable!["cpu"]);
        Assert.Equal("1", node.Status.Allocatable["nvidia.com/gpu"]);
    }

    [Fact]
    public void A_null_list_item_is_an_error_naming_it()
    {
        var error = Assert.Single(Invalid(() => Pods("kind: Pod\nmetadata: {name: p}\nspec:\n  tolerations:\n    - {key: a, operator: Exists}\n    -\n")).Errors);
        Assert.Equal(("spec.tolerations[1]", "a list item cannot be null"), (error.Field, error.Message));
    }

    [Fact]
    public void All_errors_of_a_file_are_reported_together()
    {
        // The Service carries no pods and is skipped (helm template output holds many); the other two are errors.
        var errors = Invalid(() => Pods("kind: Service\n---\nmetadata: {name: x}\n---\nkind: Deployment\nmetadata: {name: d}\nspec: {}\n")).Errors;
        Assert.Collection(errors,
            e => Assert.Equal((2, "kind"), (e.Document!.Value, e.Field)),
            e => Assert.Equal((3, "spec.template.spec"), (e.Document!.Value, e.Field)));
        Assert.Contains("kind is required", errors[0].Message);
    }

    [Fact]
    public void A_node_file_holds_only_nodes()
    {
        var error = Assert.Single(Invalid(() => Nodes("kind: Pod\nmetadata: {name: p}\n")).Errors);
        Assert.Equal("expected kind Node, found \"Pod\"", error.Message);
    }

    [Fact]
    public void A_node_needs_a_name()
    {
        var error = Assert.Single(Invalid(() => Nodes("kind: Node\nmetadata: {labels: {a: b}}\n")).Errors);
        Assert.Contains("metadata.name is required", error.Message);
    }

    [Fact]
    public void A_missing_file_is_an_input_error()
    {
        var error = Assert.Single(Invalid(() => ManifestReader.ReadNodes("/nonexistent/nodes.yaml")).Errors);
        Assert.Equal("file not found", error.Message);
    }

    [Fact]
    public void A_list_item_error_is_located_inside_the_list()
    {
        var error = Assert.Single(Invalid(() => Pods("kind: List\nitems:\n  - kind: Pod\n    metadata: {name: a}\n    spec: {tolerations: 5}\n")).Errors);
        Assert.Equal("items[0].spec.tolerations", error.Field);
        Assert.Equal(5, error.Line);
    }

    public static TheoryData<string, string, string> ApiWarnings => new()
    {
        { "tolerations: [{key: k, operator: Exists, value: \"true\", effect: NoSchedule}]", "spec.tolerations[0].value", "operator Exists takes no value" },
        { "tolerations: [{key: k, operator: Exist}]", "spec.tolerations[0].operator", "tolerates nothing" },
        { "tolerations: [{key: k, operator: Equal, value: v, effect: NoScheduled}]", "spec.tolerations[0].effect", "tolerates nothing" },
        { "tolerations: [{operator: Equal, value: v}]", "spec.tolerations[0].operator", "an empty key requires operator Exists" },
        { "tolerations: [{key: k, operator: Exists, effect: NoSchedule, tolerationSeconds: 30}]", "spec.tolerations[0].tolerationSeconds", "only applies to effect NoExecute" },
        { "nodeSelector: {\"bad key\": v}", "spec.nodeSelector['bad key']", "name part must consist of" },
    };

    [Theory]
    [MemberData(nameof(ApiWarnings))]
    public void Fields_the_API_server_would_reject_are_warned_about_and_still_evaluated(string spec, string field, string message)
    {
        var result = Pods($"kind: Pod\nmetadata: {{name: p}}\nspec:\n  {spec}\n");
        Assert.Single(result.Items);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(field, warning.Field);
        Assert.Contains(message, warning.Message);
    }

    [Fact]
    public void A_node_taint_effect_outside_the_three_is_warned_about()
    {
        var result = Nodes("kind: Node\nmetadata: {name: n}\nspec:\n  taints: [{key: k, effect: NoScheduled}, {key: k, effect: NoScheduled}]\n");
        Assert.Contains(result.Warnings, w => w.Field == "spec.taints[0].effect" && w.Message.Contains("the scheduler ignores it"));
        Assert.Contains(result.Warnings, w => w.Field == "spec.taints[1]" && w.Message.Contains("appears twice"));
    }
}
