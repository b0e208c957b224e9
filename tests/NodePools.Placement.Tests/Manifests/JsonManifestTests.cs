using System.Text.Json;
using NodePools.Placement.Input;
using NodePools.Placement.Manifests;

namespace NodePools.Placement.Tests.Manifests;

/// <summary>JSON manifests read object by object give what the tree reader gives, and refuse what it refuses, located.</summary>
public class JsonManifestTests
{
    private const string PodsJson = """
        {
          "apiVersion": "v1",
          "items": [
            {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web-1", "namespace": "a", "managedFields": [{"manager": "kubectl"}]},
             "spec": {"nodeName": "n1", "containers": [{"name": "c", "image": "i", "env": [{"name": "X", "value": "1"}], "resources": {"requests": {"cpu": "250m"}}}],
                      "tolerations": [{"key": "k", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300}]},
             "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}},
            {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "api"},
             "spec": {"replicas": 3, "template": {"metadata": {"labels": {"app": "api"}}, "spec": {"nodeSelector": {"pool": "b"}, "containers": [{"name": "c"}]}}}},
            {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "backup"},
             "spec": {"schedule": "@daily", "jobTemplate": {"spec": {"template": {"spec": {"affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{"matchExpressions": [{"key": "pool", "operator": "In", "values": ["c"]}]}]}}}, "containers": [{"name": "c"}]}}}}}},
            {"apiVersion": "v1", "kind": "PodTemplate", "metadata": {"name": "t"}, "template": {"spec": {"hostNetwork": true, "containers": [{"name": "c"}]}}}
          ],
          "kind": "List",
          "metadata": {"resourceVersion": ""}
        }
        """;

    private static string Write(string text, string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), $"nodepools-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Objects_read_from_JSON_equal_those_read_as_a_tree()
    {
        var streamed = ManifestReader.ReadPods(Write(PodsJson, ".json")).Items;
        var tree = ManifestReader.ReadPods(StructuredText.Parse("pods.json", PodsJson)).Items;
        Assert.Equal(["web-1", "api", "backup", "t"], streamed.Select(p => p.Name));
        Assert.Equal(tree.Select(p => (p.Name, p.Kind, p.Namespace)), streamed.Select(p => (p.Name, p.Kind, p.Namespace)));
        Assert.Equal(
            tree.Select(p => JsonSerializer.Serialize(p.Spec, KubernetesJsonContext.Default.PodSpec)),
            streamed.Select(p => JsonSerializer.Serialize(p.Spec, KubernetesJsonContext.Default.PodSpec)));
    }

    [Fact]
    public void Nodes_read_from_JSON_keep_labels_taints_and_allocatable()
    {
        const string nodes = """{"kind": "NodeList", "items": [{"kind": "Node", "metadata": {"name": "n1", "labels": {"pool": "a"}}, "spec": {"taints": [{"key": "k", "effect": "NoSchedule"}]}, "status": {"allocatable": {"cpu": "2", "pods": "29"}, "images": [{"names": ["x"], "sizeBytes": 1}]}}]}""";
        var node = Assert.Single(ManifestReader.ReadNodes(Write(nodes, ".json")).Items);
        Assert.Equal(("n1", "a", "k", "29"), (node.Metadata.Name, node.Metadata.Labels!["pool"], node.Spec!.Taints![0].Key, node.Status!.Allocatable!["pods"]));
    }

    public static TheoryData<string, string, int, string> Refused => new()
    {
        // text, field, line, message
        { "{\"items\": [\n{\"kind\": \"Service\", \"metadata\": {\"name\": \"s\"}}]}", "items[0].kind", 0, "has no pod template" },
        { "{\"items\": [\n{\"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"}, \"spec\": {\"containers\": \"not a list\"}}]}", "items[0].spec.containers", 2, "" },
        { "{\"kind\": \"Deployment\", \"metadata\": {\"name\": \"d\"}, \"spec\": {}}", "spec.template.spec", 0, "needs a pod spec" },
        { "{\"kind\": \"Pod\", \"spec\": {\"containers\": []}", "", 1, "malformed JSON" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Bad_objects_are_refused_with_their_place(string text, string field, int line, string message)
    {
        var file = Write(text, ".json");
        var error = Assert.Single(Assert.Throws<InvalidInputException>(() => ManifestReader.ReadPods(file)).Errors);
        Assert.Equal(file, error.File);
        Assert.Equal(field, error.Field);
        if (line > 0)
            Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Objects_across_buffer_boundaries_and_larger_than_the_buffer_are_read_whole()
    {
        var items = Enumerable.Range(0, 4_000).Select(i =>
            "{\"kind\": \"Pod\", \"metadata\": {\"name\": \"p-" + i + "\", \"annotations\": {\"note\": \"" + new string('x', i == 1_234 ? 3_000_000 : 700)
            + "\"}}, \"spec\": {\"nodeSelector\": {\"n\": \"" + i + "\"}, \"containers\": [{\"name\": \"c\"}]}}");
        var file = Write("{\"apiVersion\": \"v1\", \"items\": [\n" + string.Join(",\n", items) + "\n], \"kind\": \"List\"}", ".json");
        var pods = ManifestReader.ReadPods(file).Items;
        Assert.Equal(4_000, pods.Count);
        Assert.All(pods.Select((pod, i) => (pod, i)), x => Assert.Equal(($"p-{x.i}", $"{x.i}"), (x.pod.Name, x.pod.Spec.NodeSelector!["n"])));
    }

    [Fact]
    public void Several_top_level_objects_are_read_one_after_another()
    {
        var file = Write("""{"kind": "Pod", "metadata": {"name": "a"}, "spec": {"containers": []}} {"kind": "Pod", "metadata": {"name": "b"}, "spec": {"containers": []}}""", ".json");
        Assert.Equal(["a", "b"], ManifestReader.ReadPods(file).Items.Select(p => p.Name));
    }
}
