using System.Text.Json.Nodes;
using NodePools.Placement.Kubernetes;
using NodePools.Placement.Planning;
using static NodePools.Placement.Tests.StackText;
using NodePools.Placement.Facts;
using NodePools.Placement.Pipeline;

namespace NodePools.Placement.Tests.Planning;

/// <summary>Each intent derives exactly the affinity and tolerations the pools call for, written in each style.</summary>
public class DerivationTests
{
    private static string Slot(string slot, string values = "{}") => BasePools + "\n" + Releases($$"""
        r:
          chart: c
          repository: https://example.com/charts
          version: 1.0.0
          namespace: ns
          values: {{values}}
          slots:
        """ + "\n" + Indent(slot, 2));

    /// <summary>Release r with the given keys after its chart, repository, version and namespace.</summary>
    private static string Release(string keys) => BasePools + "\n" + Releases("r:\n  chart: c\n  repository: https://example.com/charts\n  version: 1.0.0\n  namespace: ns\n" + Indent(keys, 2));

    private static JsonObject Values(string slot, string values = "{}") => Plan(Slot(slot, values)).Releases[0].Values;

    private static string Json(JsonNode? node) => node?.ToJsonString() ?? "null";

    [Fact]
    public void Required_pool_derives_required_affinity_on_its_labels_and_tolerations_for_exactly_its_taints()
    {
        var values = Values("- path: primary\n  intent: {pool: gpu}");
        Assert.Equal(
            """{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"gpu","operator":"In","values":["true"]}]}]}}}""",
            Json(values["primary"]!["affinity"]));
        Assert.Equal("""[{"key":"workload","operator":"Equal","value":"high-resource","effect":"NoSchedule"}]""", Json(values["primary"]!["tolerations"]));
        Assert.Null(values["primary"]!["nodeSelector"]);
    }

    [Fact]
    public void Prefer_derives_a_weighted_preference_and_the_pools_tolerations()
    {
        var values = Values("- path: x\n  intent: {prefer: [{pool: gpu, weight: 30}]}");
        Assert.Equal(
            """{"nodeAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"weight":30,"preference":{"matchExpressions":[{"key":"gpu","operator":"In","values":["true"]}]}}]}}""",
            Json(values["x"]!["affinity"]));
        Assert.Equal("""[{"key":"workload","operator":"Equal","value":"high-resource","effect":"NoSchedule"}]""", Json(values["x"]!["tolerations"]));
    }

    [Fact]
    public void Prefer_by_name_alone_uses_the_default_weight() =>
        Assert.Equal(50, (int)Values("- path: x\n  intent: {prefer: gpu}")["x"]!["affinity"]!["nodeAffinity"]!["preferredDuringSchedulingIgnoredDuringExecution"]![0]!["weight"]!);

    [Fact]
    public void Avoid_derives_NotIn_preferences_and_tolerates_only_PreferNoSchedule_taints()
    {
        var body = Slot("- path: x\n  intent: {avoid: [{pool: cheap, weight: 100}]}").Replace("  node-pools:pools:\n", """
              node-pools:pools:
                cheap:
                  instanceTypes: [t3.large]
                  scaling: {min: 0, max: 2}
                  labels: {resource-constrained: "true"}
                  taints:
                    - {key: resource-constrained, effect: PreferNoSchedule}
                    - {key: spot, value: "true", effect: NoSchedule}

            """);
        var values = Plan(body).Releases[0].Values;
        Assert.Equal(
            """{"nodeAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"weight":100,"preference":{"matchExpressions":[{"key":"resource-constrained","operator":"NotIn","values":["true"]}]}}]}}""",
            Json(values["x"]!["affinity"]));
        Assert.Equal("""[{"key":"resource-constrained","operator":"Exists","effect":"PreferNoSchedule"}]""", Json(values["x"]!["tolerations"]));
    }

    [Fact]
    public void A_pool_with_several_labels_is_selected_on_all_of_them_sorted_by_key()
    {
        var pool = new Placement.Declaration.PoolSpec
        {
            Name = "p", InstanceTypes = ["m6i.large"], AmiType = "AL2023_x86_64_STANDARD", CapacityType = "ON_DEMAND",
            Scaling = new(1, 1, 1), DiskSize = 20, Labels = new Dictionary<string, string> { ["zeta"] = "1", ["alpha"] = "2" },
            Taints = [new Taint { Key = "dedicated", Effect = TaintEffects.NoExecute }], Update = new(1, null), Protect = false, IgnoreDesiredSizeChanges = true,
        };
        var placement = PlacementDeriver.Derive(new Placement.Declaration.IntentSpec { Pools = ["p"] }, [pool]);
        var term = placement.Affinity!.NodeAffinity!.RequiredDuringSchedulingIgnoredDuringExecution!.NodeSelectorTerms!.Single();
        Assert.Equal(["alpha", "zeta"], term.MatchExpressions!.Select(e => e.Key));
        Assert.Equal(new Toleration { Key = "dedicated", Operator = "Exists", Effect = "NoExecute" }, Assert.Single(placement.Tolerations));
    }

    [Fact]
    public void Extra_tolerations_follow_the_derived_ones()
    {
        var values = Values("- path: x\n  intent: {pool: gpu, tolerations: [{key: CriticalAddonsOnly, operator: Exists}]}");
        Assert.Equal(
            """[{"key":"workload","operator":"Equal","value":"high-resource","effect":"NoSchedule"},{"key":"CriticalAddonsOnly","operator":"Exists"}]""",
            Json(values["x"]!["tolerations"]));
    }

    [Fact]
    public void NodeSelector_is_written_only_when_asked()
    {
        var values = Values("- path: x\n  intent: {pool: services}\n  nodeSelector: true");
        Assert.Equal("""{"union.ai/node-role":"services"}""", Json(values["x"]!["nodeSelector"]));
    }

    [Fact]
    public void Spread_across_nodes_adds_required_hostname_anti_affinity()
    {
        var values = Values("- path: x\n  intent: {pool: gpu}\n  replicas: 2\n  spreadAcrossNodes: true\n  podLabels: {app: db}");
        Assert.Equal(
            """{"requiredDuringSchedulingIgnoredDuringExecution":[{"labelSelector":{"matchLabels":{"app":"db"}},"topologyKey":"kubernetes.io/hostname"}]}""",
            Json(values["x"]!["affinity"]!["podAntiAffinity"]));
    }

    [Fact]
    public void Flyte_defaults_style_writes_the_plugin_keys()
    {
        var values = Values("- path: config.k8s.plugins.k8s\n  style: flyte-defaults\n  intent: {pool: services}");
        var plugin = values["config"]!["k8s"]!["plugins"]!["k8s"]!.AsObject();
        Assert.Equal(["default-affinity", "default-tolerations"], plugin.Select(p => p.Key));
        Assert.Equal("services", (string?)plugin["default-tolerations"]![0]!["value"]);
    }

    [Fact]
    public void Pod_template_style_writes_a_YAML_string()
    {
        var values = Values("- path: configDefaults.default-pod-template\n  style: pod-template\n  intent: {pool: gpu}");
        var yaml = (string)values["configDefaults"]!["default-pod-template"]!;
        Assert.Equal("""
            affinity:
              nodeAffinity:
                requiredDuringSchedulingIgnoredDuringExecution:
                  nodeSelectorTerms:
                  - matchExpressions:
                    - key: gpu
                      operator: In
                      values:
                      - "true"
            tolerations:
            - key: workload
              operator: Equal
              value: high-resource
              effect: NoSchedule

            """.Replace("\r\n", "\n"), yaml);
    }

    [Fact]
    public void The_root_path_writes_at_the_top_of_the_values()
    {
        var values = Values("- path: .\n  daemonSet: true\n  intent: {pool: gpu}");
        Assert.Equal("gpu", (string?)values["affinity"]!["nodeAffinity"]!["requiredDuringSchedulingIgnoredDuringExecution"]!["nodeSelectorTerms"]![0]!["matchExpressions"]![0]!["key"]);
        Assert.Equal("high-resource", (string?)values["tolerations"]![0]!["value"]);
    }

    [Fact]
    public void The_users_other_values_are_kept()
    {
        var values = Values("- path: primary\n  intent: {pool: gpu}", "{architecture: standalone, primary: {persistence: {size: 8Gi}}}");
        Assert.Equal("standalone", (string?)values["architecture"]);
        Assert.Equal("8Gi", (string?)values["primary"]!["persistence"]!["size"]);
    }

    [Fact]
    public void Merge_combines_the_users_tolerations_and_affinity_with_the_derived_ones()
    {
        var values = Values(
            "- path: primary\n  intent: {pool: gpu}\n  merge: true",
            "{primary: {tolerations: [{key: mine, operator: Exists}], affinity: {podAffinity: {x: 1}}}}");
        Assert.Equal(2, values["primary"]!["tolerations"]!.AsArray().Count);
        Assert.Equal(1, (int)values["primary"]!["affinity"]!["podAffinity"]!["x"]!);   // the user's, kept
        Assert.Equal("gpu", (string?)values["primary"]!["affinity"]!["nodeAffinity"]!["requiredDuringSchedulingIgnoredDuringExecution"]!["nodeSelectorTerms"]![0]!["matchExpressions"]![0]!["key"]);
    }

    [Fact]
    public void Merge_into_a_pod_template_string_keeps_its_other_fields()
    {
        var values = Values(
            "- path: t\n  style: pod-template\n  intent: {pool: gpu}\n  merge: true",
            "{t: \"securityContext:\\n  runAsNonRoot: true\\n\"}");
        var yaml = (string)values["t"]!;
        Assert.Contains("securityContext:\n  runAsNonRoot: true", yaml);
        Assert.Contains("- key: workload", yaml);
    }

    [Fact]
    public void The_users_release_values_are_not_modified()
    {
        var plan = Plan(Slot("- path: primary\n  intent: {pool: gpu}", "{architecture: standalone}"));
        Assert.Null(plan.Declaration.Releases[0].Values["primary"]);
        Assert.Equal("high-resource", (string?)plan.Releases[0].Values["primary"]!["tolerations"]![0]!["value"]);
    }

    [Fact]
    public void Derivation_is_deterministic()
    {
        var body = Slot("- path: a\n  intent: {prefer: [gpu, services], avoid: system}\n- path: b\n  style: pod-template\n  intent: {pool: services}");
        Assert.Equal(Plan(body).Releases[0].Values.ToJsonString(), Plan(body).Releases[0].Values.ToJsonString());
    }

    [Fact]
    public void A_pod_template_config_map_holds_the_derived_template()
    {
        var plan = Plan(BasePools + "\n" + Templates("repo-tolerations:\n  namespace: dispatch\n  intent: {pool: services}"));
        var template = Assert.Single(plan.PodTemplates);
        Assert.Equal("template", template.Spec.Key);
        Assert.StartsWith("affinity:\n", template.TemplateYaml);
        Assert.Contains("value: services", template.TemplateYaml);
        Assert.Equal(["services"], template.TargetPools);
    }

    [Fact]
    public void Taints_are_offered_in_the_EKS_spelling_and_releases_name_their_pools()
    {
        var plan = Plan(Slot("- path: a\n  intent: {pool: gpu}\n- path: b\n  intent: {prefer: services}"));
        Assert.Equal(new EksTaint("workload", "high-resource", "NO_SCHEDULE"), Assert.Single(plan.Pool("gpu").EksTaints));
        Assert.Equal(["gpu", "services"], plan.Releases[0].TargetPools);
    }

    [Fact]
    public void Values_become_plain_dictionaries_lists_and_scalars()
    {
        var plan = Plan(Slot("- path: primary\n  intent: {pool: gpu}", "{replicas: 2, enabled: true, ratio: 0.5, name: x, list: [a]}"));
        var tree = plan.Releases[0].ValuesTree();
        Assert.Equal(2, Assert.IsType<int>(tree["replicas"]));
        Assert.Equal(true, tree["enabled"]);
        Assert.Equal(0.5, tree["ratio"]);
        Assert.Equal(["a"], Assert.IsType<List<object?>>(tree["list"]));
        var primary = Assert.IsAssignableFrom<IDictionary<string, object?>>(tree["primary"]);
        Assert.IsType<List<object?>>(primary["tolerations"]);
    }
    [Fact]
    public void Several_required_pools_derive_one_ORed_term_each_and_the_tolerations_of_each()
    {
        const string slot = "- path: shipper\n  daemonSet: true\n  intent: {pool: [services, gpu]}";
        var values = Values(slot);
        Assert.Equal(
            """{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":["""
            + """{"matchExpressions":[{"key":"union.ai/node-role","operator":"In","values":["services"]}]},"""
            + """{"matchExpressions":[{"key":"gpu","operator":"In","values":["true"]}]}]}}}""",
            Json(values["shipper"]!["affinity"]));
        Assert.Equal(
            """[{"key":"union.ai/node-role","operator":"Equal","value":"services","effect":"NoSchedule"},"""
            + """{"key":"workload","operator":"Equal","value":"high-resource","effect":"NoSchedule"}]""",
            Json(values["shipper"]!["tolerations"]));
        Assert.Equal(["services", "gpu"], StackPipeline.Check(Plan(Slot(slot))).Slots.Single().Feasible.Select(v => v.Pool));
    }

    [Fact]
    public void A_node_selector_for_several_pools_carries_only_the_labels_they_share()
    {
        var placement = PlacementDeriver.Derive(new Placement.Declaration.IntentSpec { Pools = ["a", "b"] },
        [
            Pool("a", ("tier", "batch"), ("size", "small")),
            Pool("b", ("tier", "batch"), ("size", "large")),
        ], nodeSelector: true);
        Assert.Equal(new Dictionary<string, string> { ["tier"] = "batch" }, placement.NodeSelector);
    }

    private static Placement.Declaration.PoolSpec Pool(string name, params (string Key, string Value)[] labels) => new()
    {
        Name = name, InstanceTypes = ["m6i.large"], AmiType = "AL2023_x86_64_STANDARD", CapacityType = "ON_DEMAND",
        Scaling = new(1, 1, 2), DiskSize = 20, Labels = labels.ToDictionary(l => l.Key, l => l.Value), Taints = [],
        Update = new(1, null), Protect = false, IgnoreDesiredSizeChanges = true,
    };

    [Fact]
    public void Slots_without_an_intent_take_the_releases()
    {
        var plan = Plan(Release("""
            intent: {pool: gpu}
            slots:
              - path: a
              - {path: b, intent: {pool: services}}
            """));
        Assert.Equal(["gpu"], StackPipeline.Check(plan).Slots.Single(s => s.Spec.Path == "a").Feasible.Select(v => v.Pool));
        Assert.Equal(["services"], StackPipeline.Check(plan).Slots.Single(s => s.Spec.Path == "b").Feasible.Select(v => v.Pool));
    }

    [Fact]
    public void Affinity_false_writes_only_the_node_selector_and_tolerations()
    {
        var values = Values("- path: resolver\n  intent: {pool: gpu}\n  nodeSelector: true\n  affinity: false");
        Assert.Null(values["resolver"]!["affinity"]);
        Assert.Equal("""{"gpu":"true"}""", Json(values["resolver"]!["nodeSelector"]));
        Assert.Equal("""[{"key":"workload","operator":"Equal","value":"high-resource","effect":"NoSchedule"}]""", Json(values["resolver"]!["tolerations"]));
    }

    [Fact]
    public void A_pod_template_slot_can_carry_a_node_selector()
    {
        var values = Values("- path: configDefaults.default-affinity-assistant-pod-template\n  style: pod-template\n  intent: {pool: gpu}\n  nodeSelector: true\n  affinity: false");
        Assert.Equal(
            "tolerations:\n- key: workload\n  operator: Equal\n  value: high-resource\n  effect: NoSchedule\nnodeSelector:\n  gpu: \"true\"\n",
            values["configDefaults"]!["default-affinity-assistant-pod-template"]!.GetValue<string>());
    }

    [Fact]
    public void Secret_values_are_written_as_a_placeholder_and_listed()
    {
        var release = Plan(Release("""
            values: {secrets: {admin: {clientId: me}}}
            secretValues:
              secrets.admin.clientSecret: {secure: AAABAGNpcGhlcnRleHQ=}
            """)).Releases.Single();
        Assert.Equal("""{"secrets":{"admin":{"clientId":"me","clientSecret":"nodepools-secret-placeholder"}}}""", Json(release.Values));
        Assert.Equal(["secrets.admin.clientSecret"], release.Spec.SecretPaths);
    }

    [Fact]
    public void The_program_reads_secret_values_decrypted()
    {
        const string releases = """{"r":{"chart":"c","repository":"https://example.com/charts","version":"1.0.0","namespace":"ns","secretValues":{"apiKey":"s3cret"}}}""";
        const string pools = """{"p":{"instanceTypes":["m6i.large"],"scaling":{"min":1,"max":2},"labels":{"role":"p"}}}""";
        const string cluster = """{"name":"c","version":"1.33","availabilityZones":["us-east-1a","us-east-1b"],"autoscaler":false}""";
        var plan = StackPipeline.PlanFromConfig("node-pools", "dev", key => key switch { "cluster" => cluster, "pools" => pools, "releases" => releases, _ => null }, region: "us-east-1");
        Assert.Equal("s3cret", plan.Releases.Single().Values["apiKey"]!.GetValue<string>());
    }

    [Fact]
    public void A_release_waits_for_the_pools_of_its_intents_and_of_its_acknowledged_workloads()
    {
        var plan = Plan(Release("""
            intent: {pool: gpu}
            slots:
              - path: a
              - {path: b, intent: {pool: services}}
            acknowledge:
              - {workload: Job/hook, pool: system}
            """));
        Assert.Equal(["gpu", "services", "system"], plan.Releases.Single().TargetPools);
    }
}
