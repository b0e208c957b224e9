using NodePools.Placement.Audit;
using NodePools.Placement.Input;

namespace NodePools.Placement.Tests.Audit;

public sealed class SnapshotReaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("nodepools-snapshot-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string File(string text, string name = "snapshot.json")
    {
        var path = Path.Combine(_directory, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private const string NodeA = """{"kind":"Node","metadata":{"name":"a","labels":{"eks.amazonaws.com/nodegroup":"system-1"}},"spec":{"taints":[{"key":"k","value":"v","effect":"NoSchedule"}],"unschedulable":true},"status":{"allocatable":{"cpu":"2","memory":"4Gi","pods":"29"},"conditions":[{"type":"Ready","status":"False"}]}}""";
    private const string PodP = """{"kind":"Pod","metadata":{"name":"p","namespace":"ns","ownerReferences":[{"kind":"ReplicaSet","name":"web-abc","controller":true}]},"spec":{"nodeName":"a","containers":[{"name":"c","resources":{"requests":{"cpu":"100m"}}}]},"status":{"phase":"Running"}}""";

    [Fact]
    public void A_List_gives_its_nodes_pods_and_controllers_with_the_fields_an_audit_reads()
    {
        var deployment = """{"kind":"Deployment","metadata":{"name":"web","namespace":"ns","annotations":{"meta.helm.sh/release-name":"r"}},"spec":{"template":{"spec":{"tolerations":[{"operator":"Exists"}]}}}}""";
        var pending = """{"kind":"Pod","metadata":{"name":"q","namespace":"ns"},"spec":{},"status":{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False","reason":"Unschedulable","message":"0/1 nodes are available"}]}}""";
        var snapshot = SnapshotReader.Read([File("{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[" + string.Join(",", NodeA, PodP, deployment, pending, """{"kind":"Service","metadata":{"name":"s"}}""") + "]}")]);

        var node = Assert.Single(snapshot.Nodes);
        Assert.False(node.Ready);
        Assert.True(node.Cordoned);
        Assert.Equal("k=v:NoSchedule", Assert.Single(node.Taints).ToString());
        Assert.Equal("4Gi", node.Node.Status!.Allocatable!["memory"]);
        Assert.Equal(2, snapshot.Pods.Count);
        Assert.Equal(("a", "ReplicaSet", "web-abc"), (snapshot.Pods[0].NodeName, snapshot.Pods[0].Owner!.Kind, snapshot.Pods[0].Owner!.Name));
        Assert.True(snapshot.Pods[1].Pending);
        Assert.Equal("0/1 nodes are available", snapshot.Pods[1].UnschedulableMessage);
        var controller = snapshot.Controller("ns", "Deployment", "web");
        Assert.Equal("r", controller!.Metadata.Annotations!["meta.helm.sh/release-name"]);
        Assert.Equal("Exists", Assert.Single(controller.Template!.Spec!.Tolerations!).Operator);
    }

    [Fact]
    public void Several_files_make_one_snapshot()
    {
        var snapshot = SnapshotReader.Read([File(NodeA, "nodes.json"), File("{\"kind\":\"PodList\",\"items\":[" + PodP + "]}", "pods.json")]);
        Assert.Single(snapshot.Nodes);
        Assert.Single(snapshot.Pods);
    }

    public static TheoryData<string, string, int, string> Unusable => new()
    {
        // name, text, line of the error, words
        { "truncated", "{\"kind\":\"List\",\"items\":[\n" + NodeA + ",\n" + PodP[..40], 3, "malformed JSON" },
        { "malformed", "{\"kind\":\"List\",\"items\":[\n" + NodeA + ",\n{\"kind\": Pod}]}", 3, "malformed JSON" },
        { "no name", "{\"kind\":\"List\",\"items\":[\n" + NodeA + ",\n{\"kind\":\"Pod\",\"metadata\":{}}]}", 3, "kind and metadata.name" },
        { "yaml", "apiVersion: v1\nkind: List\n", 1, "expected the JSON that kubectl writes" },
        { "no nodes", "{\"kind\":\"List\",\"items\":[" + PodP + "]}", 0, "no Node objects" },
    };

    [Theory]
    [MemberData(nameof(Unusable))]
    public void An_unusable_snapshot_is_refused_naming_the_file_and_position(string name, string text, int line, string words)
    {
        var path = File(text, name + ".json");
        var error = Assert.Single(Assert.Throws<InvalidInputException>(() => SnapshotReader.Read([path])).Errors);
        Assert.Contains(path, error.ToString(), StringComparison.Ordinal);
        Assert.Contains(words, error.Message, StringComparison.Ordinal);
        if (line > 0)
        {
            Assert.Equal(line, error.Line);
            Assert.NotNull(error.Column);
        }
    }

    [Fact]
    public void A_missing_file_is_refused_with_the_others_problems()
    {
        var bad = File("{\"kind\":\"List\",\"items\":[{\"kind\": Pod}]}", "bad.json");
        var errors = Assert.Throws<InvalidInputException>(() => SnapshotReader.Read([Path.Combine(_directory, "absent.json"), bad])).Errors;
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, error => error.Message == "no such file");
    }
}
