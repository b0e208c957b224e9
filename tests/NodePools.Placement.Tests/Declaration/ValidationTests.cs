using NodePools.Placement.Declaration;
using NodePools.Placement.Input;
using static NodePools.Placement.Tests.StackText;

namespace NodePools.Placement.Tests.Declaration;

/// <summary>Every validation rule: each bad declaration is refused with its file, key and rule.</summary>
public class ValidationTests
{
    /// <summary>One pool "p", written with the given settings under it.</summary>
    private static string Pool(string settings) =>
        "  node-pools:pools:\n    p:\n" + Indent(settings, 6);

    private const string Ok = "instanceTypes: [m6i.large]\nscaling: {min: 1, desired: 1, max: 2}\nlabels: {role: p}\n";

    public static TheoryData<string, string, string, string> PoolRules => new()
    {
        // description, pool settings, expected key, expected rule text
        { "label key with spaces", Ok.Replace("labels: {role: p}", "labels: {\"bad key\": x}"), "node-pools:pools.p.labels.bad key", "name part must consist of" },
        { "label key over 63 characters in total", Ok.Replace("labels: {role: p}", "labels: {example.com/" + new string('a', 60) + ": x}"), "node-pools:pools.p.labels", "EKS allows at most 63" },
        { "label in kubernetes.io", Ok.Replace("labels: {role: p}", "labels: {node-role.kubernetes.io/gpu: \"true\"}"), "node-pools:pools.p.labels", "reserve" },
        { "label in k8s.io", Ok.Replace("labels: {role: p}", "labels: {team.k8s.io/owner: x}"), "node-pools:pools.p.labels", "reserve" },
        { "label in eks.amazonaws.com", Ok.Replace("labels: {role: p}", "labels: {eks.amazonaws.com/nodegroup: x}"), "node-pools:pools.p.labels", "reserve" },
        { "node-restriction label", Ok.Replace("labels: {role: p}", "labels: {node-restriction.kubernetes.io/x: y}"), "node-pools:pools.p.labels", "reserve" },
        { "empty label value", Ok.Replace("labels: {role: p}", "labels: {role: \"\"}"), "node-pools:pools.p.labels.role", "EKS requires 1–63 characters" },
        { "label value over 63", Ok.Replace("labels: {role: p}", $"labels: {{role: {new string('v', 64)}}}"), "node-pools:pools.p.labels.role", "no more than 63" },
        { "label value with a slash", Ok.Replace("labels: {role: p}", "labels: {role: a/b}"), "node-pools:pools.p.labels.role", "a valid label must be" },
        { "taint effect in EKS spelling", Ok + "taints: [{key: k, value: v, effect: NO_SCHEDULE}]", "node-pools:pools.p.taints[0].effect", "write the Kubernetes spelling \"NoSchedule\"" },
        { "unknown taint effect", Ok + "taints: [{key: k, value: v, effect: NoScheduled}]", "node-pools:pools.p.taints[0].effect", "not one EKS knows" },
        { "taint without effect", Ok + "taints: [{key: k, value: v}]", "node-pools:pools.p.taints[0].effect", "is required" },
        { "taint key in kubernetes.io", Ok + "taints: [{key: node.kubernetes.io/gpu, effect: NoSchedule}]", "node-pools:pools.p.taints[0].key", "reserve" },
        { "taint key over 63", Ok + $"taints: [{{key: {new string('k', 64)}, effect: NoSchedule}}]", "node-pools:pools.p.taints[0].key", "63" },
        { "taint value over 63", Ok + $"taints: [{{key: k, value: {new string('v', 64)}, effect: NoSchedule}}]", "node-pools:pools.p.taints[0].value", "no more than 63" },
        { "duplicate taint key and effect", Ok + "taints: [{key: k, value: a, effect: NoSchedule}, {key: k, value: b, effect: NoSchedule}]", "node-pools:pools.p.taints[1]", "duplicate taint k:NoSchedule" },
        { "min above desired", Ok.Replace("{min: 1, desired: 1, max: 2}", "{min: 2, desired: 1, max: 3}"), "node-pools:pools.p.scaling", "min ≤ desired ≤ max" },
        { "desired above max", Ok.Replace("{min: 1, desired: 1, max: 2}", "{min: 1, desired: 3, max: 2}"), "node-pools:pools.p.scaling", "min ≤ desired ≤ max" },
        { "missing max", Ok.Replace("{min: 1, desired: 1, max: 2}", "{min: 1}"), "node-pools:pools.p.scaling.max", "is required" },
        { "negative min", Ok.Replace("{min: 1, desired: 1, max: 2}", "{min: -1, max: 2}"), "node-pools:pools.p.scaling.min", "between 0 and 1000" },
        { "scaling as a string", Ok.Replace("{min: 1, desired: 1, max: 2}", "three"), "node-pools:pools.p.scaling", "must be a mapping" },
        { "no scaling", "instanceTypes: [m6i.large]\nlabels: {role: p}", "node-pools:pools.p.scaling", "scaling is required" },
        { "no instance types", "scaling: {min: 1, max: 2}\nlabels: {role: p}", "node-pools:pools.p.instanceTypes", "at least one instance type" },
        { "AL2 on Kubernetes 1.33", Ok + "amiType: AL2_x86_64", "node-pools:pools.p.amiType", "AWS publishes no AL2_x86_64 (Amazon Linux 2) AMIs for Kubernetes 1.33: use the AL2023 or Bottlerocket equivalent (e.g. AL2023_x86_64_STANDARD)" },
        { "GPU instance with a standard AMI", Ok.Replace("m6i.large", "g5.xlarge") + "amiType: AL2023_x86_64_STANDARD", "node-pools:pools.p.amiType", "no NVIDIA driver" },
        { "NVIDIA AMI with CPU instances", Ok + "amiType: AL2023_x86_64_NVIDIA", "node-pools:pools.p.amiType", "has no NVIDIA GPU" },
        { "ARM instance with an x86 AMI", Ok.Replace("m6i.large", "m7g.large") + "amiType: AL2023_x86_64_STANDARD", "node-pools:pools.p.amiType", "is for amd64" },
        { "unknown AMI type", Ok + "amiType: UBUNTU", "node-pools:pools.p.amiType", "not one EKS knows" },
        { "unknown capacity type", Ok + "capacityType: reserved", "node-pools:pools.p.capacityType", "on-demand or spot" },
        { "both update settings", Ok + "update: {maxUnavailable: 1, maxUnavailablePercentage: 10}", "node-pools:pools.p.update", "not both" },
        { "a typo in a key", Ok + "taint: []", "node-pools:pools.p.taint", "did you mean \"taints\"" },
        { "disk size zero", Ok + "diskSize: 0", "node-pools:pools.p.diskSize", "between 1 and 16384" },
        { "protect not a boolean", Ok + "protect: sometimes", "node-pools:pools.p.protect", "true or false" },
        { "unquoted decimal label value", Ok.Replace("labels: {role: p}", "labels: {tier: 1.10}"), "node-pools:pools.p.labels.tier", "quote this value" },
    };

    [Theory]
    [MemberData(nameof(PoolRules))]
    public void Pool_rules(string description, string settings, string key, string rule)
    {
        var errors = Errors(Pool(settings));
        Assert.True(errors.Any(e => e.Field.StartsWith(key, StringComparison.Ordinal) && e.Message.Contains(rule, StringComparison.Ordinal)),
            $"{description}: expected {key}: …{rule}…, got:\n{string.Join("\n", errors)}");
        Assert.All(errors, e => Assert.Equal("Pulumi.test.yaml", e.File));
    }

    [Fact]
    public void More_than_50_taints_are_refused()
    {
        var taints = string.Join(", ", Enumerable.Range(0, 51).Select(i => $"{{key: k{i}, effect: NoSchedule}}"));
        var errors = Errors(Pool(Ok + $"taints: [{taints}]"));
        Assert.Contains(errors, e => e.Field == "node-pools:pools.p.taints" && e.Message.Contains("at most 50"));
    }

    private static string WithRelease(string slot) => BasePools + "\n" + Releases("""
        app:
          chart: app-template
          repository: https://bjw-s-labs.github.io/helm-charts
          version: 4.6.2
          namespace: apps
          values:
            defaultPodOptions:
              tolerations: [{key: mine, operator: Exists}]
          slots:
        """ + "\n" + Indent(slot, 2));

    public static TheoryData<string, string, string, string> SlotRules => new()
    {
        { "unknown pool", "- path: defaultPodOptions\n  intent: {pool: gpus}", "node-pools:releases.app.slots[0].intent.pool", "unknown pool \"gpus\"" },
        { "unknown preferred pool", "- path: x\n  intent: {prefer: [{pool: nope, weight: 10}]}", "node-pools:releases.app.slots[0].intent.prefer", "unknown pool \"nope\"" },
        { "Exists with a value (the ArcGIS seed)", "- path: x\n  intent: {prefer: gpu, tolerations: [{key: workload, operator: Exists, value: \"true\", effect: NoSchedule}]}", "node-pools:releases.app.slots[0].intent.tolerations[0].value", "Fix: remove the value" },
        { "unknown toleration operator", "- path: x\n  intent: {tolerations: [{key: k, operator: Exists2}]}", "node-pools:releases.app.slots[0].intent.tolerations[0].operator", "tolerates nothing" },
        { "toleration effect in EKS spelling", "- path: x\n  intent: {tolerations: [{key: k, operator: Exists, effect: NO_EXECUTE}]}", "node-pools:releases.app.slots[0].intent.tolerations[0].effect", "is not one of" },
        { "weight out of range", "- path: x\n  intent: {prefer: [{pool: gpu, weight: 101}]}", "node-pools:releases.app.slots[0].intent.prefer[0].weight", "between 1 and 100" },
        { "pool beside prefer", "- path: x\n  intent: {pool: gpu, prefer: services}", "node-pools:releases.app.slots[0].intent", "hard requirement" },
        { "prefer and avoid the same pool", "- path: x\n  intent: {prefer: gpu, avoid: gpu}", "node-pools:releases.app.slots[0].intent", "both preferred and avoided" },
        { "unknown style", "- path: x\n  style: helm\n  intent: {pool: gpu}", "node-pools:releases.app.slots[0].style", "standard, flyte-defaults or pod-template" },
        { "missing intent", "- path: x", "node-pools:releases.app.slots[0].intent", "an intent is required" },
        { "duplicate path", "- path: x\n  intent: {pool: gpu}\n- path: x\n  intent: {pool: gpu}", "node-pools:releases.app.slots[1].path", "declared twice" },
        { "placed key also in values", "- path: defaultPodOptions\n  intent: {pool: gpu}", "node-pools:releases.app.slots[0]", "values.defaultPodOptions.tolerations is written by this slot's placement" },
        { "spread without pod labels", "- path: x\n  intent: {pool: gpu}\n  replicas: 2\n  spreadAcrossNodes: true", "node-pools:releases.app.slots[0].podLabels", "spreadAcrossNodes needs podLabels" },
        { "pod-template at the root", "- path: .\n  style: pod-template\n  intent: {pool: gpu}", "node-pools:releases.app.slots[0].path", "cannot be the root" },
        { "empty path segment", "- path: a..b\n  intent: {pool: gpu}", "node-pools:releases.app.slots[0].path", "empty segment" },
        { "replicas zero", "- path: x\n  intent: {pool: gpu}\n  replicas: 0", "node-pools:releases.app.slots[0].replicas", "between 1 and 10000" },
    };

    [Theory]
    [MemberData(nameof(SlotRules))]
    public void Slot_and_intent_rules(string description, string slot, string key, string rule)
    {
        var errors = Errors(WithRelease(slot));
        Assert.True(errors.Any(e => e.Field.StartsWith(key, StringComparison.Ordinal) && e.Message.Contains(rule, StringComparison.Ordinal)),
            $"{description}: expected {key}: …{rule}…, got:\n{string.Join("\n", errors)}");
    }

    [Fact]
    public void An_acknowledgement_names_a_workload_or_an_operators_workload_with_its_resource()
    {
        var release = "r:\n  chart: c\n  repository: https://x\n  version: 1\n  namespace: ns\n  intent: {pool: system}\n  acknowledge:\n"
                      + "    - {workload: Deployment/activator, pool: system}\n    - {workload: KnativeServing/b/Deployment/activator, pool: system}\n    - {workload: KnativeServing/b, pool: system}";
        var parsed = StackText.Parse(StackText.BasePools + "\n" + StackText.Releases(release));
        Assert.Equal(["Deployment/activator", "KnativeServing/b/Deployment/activator", "KnativeServing/b"],
            parsed.Releases.Single().Acknowledgements.Select(a => a.Workload));
    }

    [Fact]
    public void Merge_allows_values_at_placed_keys() =>
        Assert.Single(Parse(WithRelease("- path: defaultPodOptions\n  intent: {pool: gpu}\n  merge: true")).Releases);

    [Fact]
    public void A_pool_without_labels_cannot_be_targeted()
    {
        var errors = Errors(Pool("instanceTypes: [m6i.large]\nscaling: {min: 1, max: 2}") + Releases("""
            r:
              chart: c
              repository: https://example.com/charts
              version: 1.0.0
              namespace: ns
              slots: [{path: x, intent: {pool: p}}]
            """));
        Assert.Contains(errors, e => e.Field == "node-pools:releases.r.slots[0].intent.pool" && e.Message.Contains("has no labels"));
    }

    public static TheoryData<string, string, string> ReleaseRules => new()
    {
        { "r:\n  repository: https://x\n  version: 1\n  namespace: ns", "node-pools:releases.r.chart", "is required" },
        { "R_1:\n  chart: c\n  repository: https://x\n  version: 1\n  namespace: ns", "node-pools:releases.R_1", "DNS-1123 label" },
        { "r:\n  chart: c\n  repository: https://x\n  version: 1\n  namespace: Apps", "node-pools:releases.r.namespace", "DNS-1123 label" },
        { "r:\n  chart: c\n  repository: https://x\n  version: 1\n  namespace: ns\n  values: [1]", "node-pools:releases.r.values", "must be a mapping" },
        { "r:\n  chart: c\n  repository: https://x\n  version: 1\n  namespace: ns\n  slot: []", "node-pools:releases.r.slot", "did you mean \"slots\"" },
        { "r:\n  chart: c\n  repository: https://x\n  version: 1\n  namespace: ns\n  slots: [{path: x}]", "node-pools:releases.r.slots[0].intent", "here or on the release" },
        { "r:\n  chart: c\n  repository: https://x\n  version: 1\n  namespace: ns\n  intent: {pool: gpus}", "node-pools:releases.r.intent.pool", "unknown pool \"gpus\"" },
        { "r:\n  chart: c\n  repository: https://x\n  version: 1\n  namespace: ns\n  intent: {pool: []}", "node-pools:releases.r.intent.pool", "names no pool" },
        { "r:\n  chart: c\n  repository: https://x\n  version: 1\n  namespace: ns\n  intent: {pool: [gpu, gpu]}", "node-pools:releases.r.intent.pool", "named twice" },
        { "r:\n  chart: c\n  repository: https://x\n  version: 1\n  namespace: ns\n  slots: [{path: x, intent: {pool: gpu}, affinity: false}]", "node-pools:releases.r.slots[0].affinity", "set nodeSelector: true as well" },
        { "r:\n  chart: c\n  repository: https://x\n  version: 1\n  namespace: ns\n  acknowledge: [{workload: static, pool: system}]", "node-pools:releases.r.acknowledge[0].workload", "must be KIND/NAME" },
        { "r:\n  chart: c\n  repository: https://x\n  version: 1\n  namespace: ns\n  acknowledge: [{workload: KnativeServing/s/Deployment, pool: system}]", "node-pools:releases.r.acknowledge[0].workload", "must be KIND/NAME" },
        { "r:\n  chart: c\n  repository: https://x\n  version: 1\n  namespace: ns\n  acknowledge: [{workload: Job/j}]", "node-pools:releases.r.acknowledge[0].pool", "the pool the workload runs on instead" },
        { "r:\n  chart: c\n  repository: https://x\n  version: 1\n  namespace: ns\n  acknowledge: [{workload: Job/j, pool: nowhere}]", "node-pools:releases.r.acknowledge[0].pool", "unknown pool \"nowhere\"" },
        { "r:\n  chart: c\n  repository: https://x\n  version: 1\n  namespace: ns\n  acknowledge: [{workload: Job/j, pool: system}, {workload: Job/j, pool: system}]", "node-pools:releases.r.acknowledge[1].workload", "acknowledged twice" },
        { "r:\n  chart: c\n  repository: https://x\n  version: 1\n  namespace: ns\n  secretValues: {apiKey: plain}", "node-pools:releases.r.secretValues.apiKey", "must be a secret: set it with pulumi config set --secret --path 'node-pools:releases.r.secretValues[\"apiKey\"]'" },
        { "r:\n  chart: c\n  repository: https://x\n  version: 1\n  namespace: ns\n  values: {auth: {password: {secure: AAAB}}}", "node-pools:releases.r.values", "values.auth.password is a secure: value: move it to secretValues" },
        { "r:\n  chart: c\n  repository: https://x\n  version: 1\n  namespace: ns\n  values: {apiKey: x}\n  secretValues: {apiKey: {secure: AAAB}}", "node-pools:releases.r.secretValues.apiKey", "also set in values" },
        { "r:\n  chart: c\n  repository: https://x\n  version: 1\n  namespace: ns\n  timeout: 5", "node-pools:releases.r.timeout", "between 30 and 86400" },
        { "r:\n  chart: c\n  repository: https://x\n  version: 1\n  namespace: ns\n  dependsOn: [nothing]", "node-pools:releases.r.dependsOn", "unknown release \"nothing\" (releases: r)" },
        { "r:\n  chart: c\n  repository: https://x\n  version: 1\n  namespace: ns\n  dependsOn: [r]", "node-pools:releases.r.dependsOn", "cannot depend on itself" },
        { "r:\n  chart: c\n  repository: https://x\n  version: 1\n  namespace: ns\n  dependsOn: [s]\ns:\n  chart: c\n  repository: https://x\n  version: 1\n  namespace: ns\n  dependsOn: [r]", "node-pools:releases.r.dependsOn", "makes a cycle" },
    };

    [Theory]
    [MemberData(nameof(ReleaseRules))]
    public void Release_rules(string release, string key, string rule)
    {
        var errors = Errors(BasePools + "\n" + Releases(release));
        Assert.True(errors.Any(e => e.Field == key && e.Message.Contains(rule, StringComparison.Ordinal)), string.Join("\n", errors));
    }

    public static TheoryData<string, string, string> ClusterRules => new()
    {
        { "  node-pools:cluster: {name: c, version: 1.30}\n", "node-pools:cluster.version", "quote this value" },
        { "  node-pools:cluster: {name: c, version: \"1.33\", availabilityZones: [us-east-1a]}\n", "node-pools:cluster.availabilityZones", "list 2 to 6 zones" },
        { "  node-pools:cluster: {name: c, version: \"2.1\"}\n", "node-pools:cluster.version", "minor version" },
        { "  node-pools:cluster: {name: c}\n", "node-pools:cluster.version", "is required" },
        { "  node-pools:cluster: {name: c, version: \"1.33\", availabilityZones: [a, b], access: [{principal: deploy, level: admin}]}\n", "node-pools:cluster.access[0].principal", "is not an IAM role or user ARN" },
        { "  node-pools:cluster: {name: c, version: \"1.33\", availabilityZones: [a, b], access: [{principal: \"arn:aws:sts::123456789012:assumed-role/nodepools-deploy/GitHubActions\", level: admin}]}\n", "node-pools:cluster.access[0].principal", "is an STS session (assumed-role) ARN, and EKS access entries take IAM role or user ARNs: write the role's ARN, arn:aws:iam::123456789012:role/nodepools-deploy" },
        { "  node-pools:cluster: {name: c, version: \"1.33\", availabilityZones: [a, b], access: [{principal: \"arn:aws:sts::123456789012:federated-user/alice\", level: admin}]}\n", "node-pools:cluster.access[0].principal", "is not an IAM role or user ARN" },
        { "  node-pools:cluster: {name: c, version: \"1.33\", availabilityZones: [a, b], access: [{principal: \"arn:aws:iam::123456789012:group/admins\", level: admin}]}\n", "node-pools:cluster.access[0].principal", "is not an IAM role or user ARN" },
        { "  node-pools:cluster: {name: c, version: \"1.33\", availabilityZones: [a, b], access: [{principal: \"arn:aws:iam::123456789012:role/x\", level: owner}]}\n", "node-pools:cluster.access[0].level", "must be admin (cluster admin) or view" },
        { "  node-pools:cluster: {name: c, version: \"1.33\", availabilityZones: [a, b], access: [{principal: \"arn:aws:iam::123456789012:role/x\"}, {principal: \"arn:aws:iam::123456789012:role/x\", level: admin}]}\n", "node-pools:cluster.access[1].principal", "listed twice" },
        { "  node-pools:cluster: {name: c, version: \"1.33\", network: {vpcId: vpc-1, subnetIds: [subnet-1]}}\n", "node-pools:cluster.network.subnetIds", "at least two" },
        { "  node-pools:cluster: {name: c, version: \"1.33\", network: {vpcId: v1, subnetIds: [subnet-1, subnet-2]}}\n", "node-pools:cluster.network.vpcId", "not a VPC id" },
        { "  node-pools:cluster: {name: c, version: \"1.33\", zoneCount: 7}\n", "node-pools:cluster.zoneCount", "must be between 2 and 6 (found 7)" },
        { "  node-pools:cluster: {name: c, version: \"1.33\", availabilityZones: [us-east-1a, us-east-1b], zoneCount: 2}\n", "node-pools:cluster.zoneCount", "with availabilityZones listed, the list decides" },
        { "  node-pools:cluster: {name: c, version: \"1.33\", excludeZoneIds: [us-east-1a]}\n", "node-pools:cluster.excludeZoneIds", "is not an availability zone ID" },
        { "  node-pools:cluster: {name: c, version: \"1.33\", natGateways: perAz}\n", "node-pools:cluster.natGateways", "must be perZone" },
        { "  node-pools:cluster: {name: c, version: \"1.33\", publicAccessCidrs: [203.0.113.7/24]}\n", "node-pools:cluster.publicAccessCidrs", "host bits zero" },
        { "  node-pools:cluster: {name: c, version: \"1.33\", publicAccessCidrs: [\"2001:db8::/32\"]}\n", "node-pools:cluster.publicAccessCidrs", "is not an IPv4 CIDR block" },
        { "  node-pools:cluster: {name: c, version: \"1.33\", publicEndpoint: false, publicAccessCidrs: [203.0.113.0/24]}\n", "node-pools:cluster.publicAccessCidrs", "and publicEndpoint is false" },
        { "  node-pools:cluster: {name: c, version: \"1.33\", amiReleaseVersion: 1.32.9-20260714}\n", "node-pools:cluster.amiReleaseVersion", "built for Kubernetes 1.32, and the cluster runs 1.33" },
        { "  node-pools:cluster: {name: c, version: \"1.33\", amiReleaseVersion: latest}\n", "node-pools:cluster.amiReleaseVersion", "must look like 1.33.5-20251120" },
        { "  node-pools:cluster: {name: c, version: \"1.33\", autoscaler: {pool: nowhere}}\n", "node-pools:cluster.autoscaler.pool", "unknown pool \"nowhere\"" },
        { "  node-pools:cluster: {name: c, version: \"1.33\", autoscaler: {version: latest}}\n", "node-pools:cluster.autoscaler.version", "must be an exact version" },
        { "  node-pools:cluster: {name: c, version: \"1.33\", logs: {types: [api, kubelet], retentionDays: 90}}\n", "node-pools:cluster.logs.types", "\"kubelet\" is not a control-plane log type" },
        { "  node-pools:cluster: {name: c, version: \"1.33\", logs: {types: [], retentionDays: 90}}\n", "node-pools:cluster.logs.types", "list the log types to ship" },
        { "  node-pools:cluster: {name: c, version: \"1.33\", logs: {types: [api, api], retentionDays: 90}}\n", "node-pools:cluster.logs.types", "log type api is listed twice" },
        { "  node-pools:cluster: {name: c, version: \"1.33\", logs: {types: [api]}}\n", "node-pools:cluster.logs.retentionDays", "is required: CloudWatch keeps logs forever otherwise" },
        { "  node-pools:cluster: {name: c, version: \"1.33\", logs: {types: [api], retentionDays: 100}}\n", "node-pools:cluster.logs.retentionDays", "100 is not a retention CloudWatch Logs accepts" },
        { "", "node-pools:cluster", "is required" },
        { "  node-pools:cluster: {name: c, version: \"1.33\"}\n  node-pools:pool: {}\n", "node-pools:pool", "unknown key" },
    };

    [Theory]
    [MemberData(nameof(ClusterRules))]
    public void Cluster_and_top_level_rules(string cluster, string key, string rule)
    {
        var errors = Errors(cluster + BasePools, withCluster: false);
        Assert.True(errors.Any(e => e.Field == key && e.Message.Contains(rule, StringComparison.Ordinal)), string.Join("\n", errors));
    }

    [Fact]
    public void Every_error_is_reported_at_once_with_its_line()
    {
        var errors = Errors(Pool(Ok.Replace("{min: 1, desired: 1, max: 2}", "{min: 3, max: 2}") + "taints: [{key: k, effect: Nope}]\ncapacityType: x"));
        Assert.Equal(3, errors.Count);
        Assert.All(errors, e => Assert.NotNull(e.Line));
        Assert.Contains(errors, e => e.ToString().StartsWith("Pulumi.test.yaml:", StringComparison.Ordinal));
    }

    [Fact]
    public void Malformed_YAML_names_line_and_column()
    {
        var error = Assert.Single(Assert.Throws<Placement.Input.InvalidInputException>(() =>
            Placement.Input.StructuredText.Parse("Pulumi.test.yaml", "config:\n  node-pools:pools:\n    p: {instanceTypes: [m6i.large\n")).Errors);
        Assert.Equal("Pulumi.test.yaml", error.File);
        Assert.True(error.Line >= 3);
        Assert.NotNull(error.Column);
    }

    [Theory]
    [InlineData(36, false)]
    [InlineData(37, true)]
    public void Pool_names_fit_the_node_group_name_prefix(int length, bool refused)
    {
        var name = "p" + new string('a', length - 1);
        var text = "  node-pools:pools:\n    " + name + ":\n" + Indent(Ok, 6);
        if (!refused)
        {
            Assert.Equal(name, Parse(text).Pools.Single().Name);
            return;
        }
        var error = Assert.Single(Errors(text));
        Assert.Contains($"has {length} characters: it prefixes the node group's name, and EKS allows a prefix of 37", error.Message);
    }
}
