using NodePools.Placement.Input;
using NodePools.Placement.Manifests;
using NodePools.Placement.Models;
using NodePools.Placement.Workloads;

namespace NodePools.Placement.Tests.Models;

/// <summary>
/// Every workload model of the registry, through every reader: `explain`'s manifests (YAML and JSON)
/// and the rendered-output reader. A new model is one entry in <see cref="WorkloadModels"/>; these
/// tests then cover it without a line more.
/// </summary>
public class WorkloadModelTests
{
    public static TheoryData<string> Kinds() => [.. WorkloadModels.PodTemplateKinds.Select(kind => kind.Kind)];

    public static TheoryData<string> Templates() => [.. WorkloadModels.ConfigMapTemplates.Select(template => template.DataKey)];

    public static TheoryData<string> Operators() => [.. WorkloadModels.OperatorModels.Select(model => model.Kind)];

    public static TheoryData<string> Unmodelled() => [.. WorkloadModels.UnmodelledKinds.Select(kind => $"{kind.ApiGroup}/v1 {kind.Kind}")];

    /// <summary>An object of the kind, with a pod spec at the model's path that tolerates one taint.</summary>
    private static string Manifest(PodTemplateKind model)
    {
        var spec = "tolerations: [{key: only, operator: Exists}]\ncontainers: [{name: c, image: i}]";
        var text = string.Join("\n", spec.Split('\n').Select(line => new string(' ', 2 * model.SpecPath.Count) + line));
        for (var depth = model.SpecPath.Count - 1; depth >= 0; depth--)
            text = new string(' ', 2 * depth) + model.SpecPath[depth] + ":\n" + text;
        return $"apiVersion: v1\nkind: {model.Kind}\nmetadata: {{name: m, namespace: ns}}\n{text}\n";
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Explain_reads_the_pod_spec_of_every_kind_from_yaml_and_json(string kind)
    {
        var model = WorkloadModels.Kind(kind)!;
        var yaml = Manifest(model);
        var fromYaml = Assert.Single(ManifestReader.ReadPods(StructuredText.Parse("pods.yaml", yaml)).Items);
        Assert.Equal("only", Assert.Single(fromYaml.Spec.Tolerations!).Key);

        var json = Path.Combine(Directory.CreateTempSubdirectory("nodepools-models").FullName, "pods.json");
        File.WriteAllText(json, StructuredText.Parse("pods.yaml", yaml)[0].Root!.ToJsonString());
        var fromJson = Assert.Single(ManifestReader.ReadPods(json).Items);
        Assert.Equal("only", Assert.Single(fromJson.Spec.Tolerations!).Key);
        Assert.Equal(kind, fromJson.Kind);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Rendered_objects_of_every_kind_but_PodTemplate_are_workloads(string kind)
    {
        var model = WorkloadModels.Kind(kind)!;
        var (objects, _) = RenderedManifest.Read("# Source: chart/templates/m.yaml\n" + Manifest(model));
        var (workloads, problems) = WorkloadExtractor.Extract(objects);
        Assert.Empty(problems);
        if (kind == "PodTemplate")
        {
            Assert.Empty(workloads); // a PodTemplate object runs nothing by itself
            return;
        }
        var workload = Assert.Single(workloads);
        Assert.Equal($"{kind}/m", workload.Id);
        Assert.Equal(model.IsDaemonSet, workload.IsDaemonSet);
        Assert.Equal("only", Assert.Single(workload.Spec.Tolerations!).Key);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void A_configmap_runtime_template_is_a_workload_with_only_the_fields_its_runtime_reads(string key)
    {
        var model = WorkloadModels.Template(key)!;
        var configMap = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: defaults}
            data:
              KEY: |
                nodeSelector: {pool: a}
                tolerations: [{key: only, operator: Exists}]
                affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: pool, operator: In, values: [a]}]}]}}}
            """.Replace("KEY", key, StringComparison.Ordinal);
        var (workloads, _) = WorkloadExtractor.Extract(RenderedManifest.Read(configMap).Objects);
        var workload = Assert.Single(workloads);
        Assert.Equal($"ConfigMap/defaults[{key}]", workload.Id);
        Assert.Equal(WorkloadOrigin.RuntimeTemplate, workload.Origin);
        Assert.Equal(model.Honoured is null || model.Honoured.Contains("affinity"), workload.Spec.Affinity is not null);
        Assert.Equal(model.Note, workload.Note);
    }

    [Theory]
    [MemberData(nameof(Operators))]
    public void A_rendered_custom_resource_of_every_operator_model_yields_the_operators_workloads(string kind)
    {
        var model = WorkloadModels.OperatorModels.Single(m => m.Kind == kind);
        var resource = $"# Source: chart/templates/r.yaml\napiVersion: {model.ApiGroup}/v1\nkind: {kind}\nmetadata: {{name: r}}\nspec:\n  tolerations: [{{key: only, operator: Exists}}]\n";
        var (objects, _) = RenderedManifest.Read(resource);
        var (workloads, problems) = WorkloadExtractor.Extract(objects);
        Assert.Empty(problems);
        Assert.NotEmpty(workloads);
        Assert.All(workloads, workload =>
        {
            Assert.Equal(WorkloadOrigin.Operator, workload.Origin);
            Assert.Equal($"{kind}/r", workload.From);
            Assert.Contains(model.OperatorVersion, workload.Note);
            Assert.Equal("chart/templates/r.yaml", workload.Source);
        });
    }

    [Theory]
    [MemberData(nameof(Unmodelled))]
    public void A_rendered_custom_resource_no_model_describes_is_read_and_makes_no_workload(string apiVersionAndKind)
    {
        var (apiVersion, kind) = (apiVersionAndKind.Split(' ')[0], apiVersionAndKind.Split(' ')[1]);
        var (objects, _) = RenderedManifest.Read($"apiVersion: {apiVersion}\nkind: {kind}\nmetadata: {{name: r}}\nspec:\n  template: {{spec: {{containers: [{{name: c}}]}}}}\n");
        var resource = Assert.Single(objects);
        Assert.Equal(apiVersion, resource.ApiVersion);
        Assert.NotNull(WorkloadModels.Unmodelled(resource.Kind, resource.ApiVersion));
        Assert.Empty(WorkloadExtractor.Extract(objects).Workloads);
    }

    [Fact]
    public void An_operators_workload_named_like_another_is_named_with_its_resource()
    {
        var output = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: webhook}
            spec: {template: {spec: {containers: [{name: c}]}}}
            ---
            apiVersion: operator.knative.dev/v1beta1
            kind: KnativeServing
            metadata: {name: a}
            spec: {ingress: {}}
            ---
            apiVersion: operator.knative.dev/v1beta1
            kind: KnativeServing
            metadata: {name: b}
            spec: {ingress: {}}
            """;
        var ids = WorkloadExtractor.Extract(RenderedManifest.Read(output).Objects).Workloads.Select(w => w.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal("Deployment/webhook", ids[0]);
        Assert.Contains("KnativeServing/a/Deployment/webhook", ids);
        Assert.Contains("Deployment/activator", ids);
        Assert.Contains("KnativeServing/b/Deployment/activator", ids);
    }

    [Fact]
    public void A_kind_the_registry_does_not_know_is_refused_by_explain_naming_the_kinds_it_knows()
    {
        var errors = Assert.Throws<InvalidInputException>(() =>
            ManifestReader.ReadPods(StructuredText.Parse("pods.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: s}\n"))).Errors;
        Assert.Contains(WorkloadModels.KindList, Assert.Single(errors).Message, StringComparison.Ordinal);
    }
}
