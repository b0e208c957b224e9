using NodePools.Placement.Planning;
using NodePools.Placement.Rendering;
using NodePools.Placement.Workloads;
using NodePools.Placement.Facts;
using NodePools.Placement.Input;

namespace NodePools.Placement.Tests.Workloads;

/// <summary>Reading what a chart renders, without helm: documents, duplicate keys, kinds, runtime pod templates.</summary>
public class RenderedOutputTests
{
    private const string Output = """
        ---
        # Source: c/templates/crd.yaml
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: things.example.com
        ---
        # Source: c/templates/resolver.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: resolver
        spec:
          template:
            spec:
              affinity:
                nodeAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                    nodeSelectorTerms: [{matchExpressions: [{key: pool, operator: In, values: [a]}]}]
                nodeAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                    nodeSelectorTerms: [{matchExpressions: [{key: kubernetes.io/os, operator: NotIn, values: [windows]}]}]
              containers: [{name: c}]
        ---
        # Source: c/templates/backup.yaml
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: backup
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  tolerations: [{key: pool, operator: Equal, value: a, effect: NoSchedule}]
                  containers: [{name: c}]
        ---
        # Source: c/templates/hook.yaml
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: migrate
          annotations: {helm.sh/hook: "pre-install,pre-upgrade"}
        spec:
          template:
            spec:
              containers: [{name: c}]
        ---
        # Source: c/templates/test.yaml
        apiVersion: v1
        kind: Pod
        metadata:
          name: smoke
          annotations: {helm.sh/hook: test}
        spec:
          containers: [{name: c}]
        ---
        # Source: c/templates/config-defaults.yaml
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: config-defaults
        data:
          default-pod-template: |
            nodeSelector: {pool: a}
            tolerations: [{key: pool, operator: Equal, value: a, effect: NoSchedule}]
          default-affinity-assistant-pod-template: |
            affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: pool, operator: In, values: [a]}]}]}}}
            tolerations: [{key: pool, operator: Equal, value: a, effect: NoSchedule}]
          _example: "not a template"
        ---
        # Source: c/templates/executor.yaml
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: executor
        data:
          config.yaml: |
            plugins:
              k8s:
                default-cpus: 100m
                default-node-selector: {pool: b}
                default-tolerations: [{key: pool, operator: Equal, value: b, effect: NoSchedule}]
        """;

    private static IReadOnlyList<Workload> Workloads()
    {
        var (objects, problems) = RenderedManifest.Read(Output);
        Assert.Empty(problems);
        var (workloads, invalid) = WorkloadExtractor.Extract(objects);
        Assert.Empty(invalid);
        return workloads;
    }

    [Fact]
    public void Every_pod_producing_object_and_runtime_template_is_a_workload_and_nothing_else()
    {
        Assert.Equal(
            ["Deployment/resolver", "CronJob/backup", "Job/migrate", "Pod/smoke", "ConfigMap/config-defaults[default-pod-template]",
             "ConfigMap/config-defaults[default-affinity-assistant-pod-template]", "ConfigMap/executor[config.yaml:plugins.k8s]"],
            Workloads().Select(w => w.Id));
    }

    [Fact]
    public void A_key_written_twice_keeps_the_last_and_is_recorded()
    {
        var resolver = Workloads().Single(w => w.Id == "Deployment/resolver");
        Assert.Equal("kubernetes.io/os", resolver.Spec.Affinity!.NodeAffinity!.RequiredDuringSchedulingIgnoredDuringExecution!.NodeSelectorTerms![0].MatchExpressions![0].Key);
        var duplicate = Assert.Single(resolver.PlacementDuplicates);
        Assert.Equal(("spec.template.spec.affinity", "nodeAffinity"), (duplicate.Path, duplicate.Key));
    }

    public static TheoryData<string, WorkloadOrigin, string?> Origins => new()
    {
        { "Deployment/resolver", WorkloadOrigin.Object, null },
        { "CronJob/backup", WorkloadOrigin.Object, null },
        { "Job/migrate", WorkloadOrigin.Hook, "pre-install,pre-upgrade" },
        { "Pod/smoke", WorkloadOrigin.Test, "test" },
        { "ConfigMap/config-defaults[default-pod-template]", WorkloadOrigin.RuntimeTemplate, null },
    };

    [Theory]
    [MemberData(nameof(Origins))]
    public void Hooks_tests_and_runtime_templates_are_told_apart(string id, WorkloadOrigin origin, string? hook)
    {
        var workload = Workloads().Single(w => w.Id == id);
        Assert.Equal(origin, workload.Origin);
        Assert.Equal(hook, workload.Hook);
    }

    [Fact]
    public void The_affinity_assistant_template_keeps_only_what_Tekton_reads()
    {
        var assistant = Workloads().Single(w => w.Id == "ConfigMap/config-defaults[default-affinity-assistant-pod-template]");
        Assert.Null(assistant.Spec.Affinity);
        Assert.Single(assistant.Spec.Tolerations!);
        Assert.Contains("nodeSelector and tolerations", assistant.Note);
    }

    [Fact]
    public void Flyte_plugin_defaults_become_the_task_pods_placement()
    {
        var tasks = Workloads().Single(w => w.Id == "ConfigMap/executor[config.yaml:plugins.k8s]");
        Assert.Equal(new Dictionary<string, string> { ["pool"] = "b" }, tasks.Spec.NodeSelector);
        Assert.Equal("b", tasks.Spec.Tolerations![0].Value);
        Assert.Equal(Placement.Scheduling.WorkloadKinds.Pod, tasks.SchedulingKind);
    }

    [Fact]
    public void Kinds_placement_does_not_read_are_passed_over()
    {
        var (objects, _) = RenderedManifest.Read(Output);
        Assert.DoesNotContain(objects, o => o.Kind == "CustomResourceDefinition");
        Assert.Equal("c/templates/backup.yaml", objects.Single(o => o.Name == "backup").Source);
    }

    [Fact]
    public void An_unreadable_document_is_reported_and_the_rest_still_read()
    {
        var (objects, problems) = RenderedManifest.Read("---\n# Source: c/templates/bad.yaml\nkind: Deployment\nspec: [unclosed\n---\n# Source: c/templates/ok.yaml\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c}]}\n");
        Assert.Contains("c/templates/bad.yaml", Assert.Single(problems));
        Assert.Equal("Pod/p", Assert.Single(objects).Id);
    }

    public static TheoryData<string, string> Bombs => new()
    {
        { "deep nesting", new string('[', 5_000) + new string(']', 5_000) },
        { "alias expansion", "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n" },
    };

    [Theory]
    [MemberData(nameof(Bombs))]
    public void Nesting_and_alias_bombs_are_refused_not_expanded(string description, string text)
    {
        var error = Assert.Throws<YamlDotNet.Core.YamlException>(() => LenientYaml.Parse(text));
        Assert.Contains("refused", error.Message);
        Assert.NotEmpty(description);
    }
}
