using NodePools.Placement.Input;
using NodePools.Placement.Kubernetes;
using NodePools.Placement.Manifests;

namespace NodePools.Placement.Audit;

/// <summary>
/// Reads cluster snapshots: the JSON `kubectl get nodes,pods,replicasets,deployments,statefulsets,daemonsets,jobs,cronjobs -A -o json`
/// writes, one List or several files. Objects are read one at a time from the file (explain's
/// streaming reader), bound to the fields an audit reads, so a cluster at Kubernetes' limits fits in
/// memory. Every problem of every file is reported at once, with file, line and column.
/// </summary>
public static class SnapshotReader
{
    public const string KubectlKinds = "nodes,pods,replicasets,deployments,statefulsets,daemonsets,jobs,cronjobs";

    /// <summary>The kinds between a pod and the workload a chart renders.</summary>
    public static readonly IReadOnlySet<string> ControllerKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "ReplicaSet", "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob",
    };

    public static ClusterSnapshot Read(IReadOnlyList<string> files)
    {
        var errors = new List<InputError>();
        var nodes = new List<LiveNode>();
        var pods = new List<LivePod>();
        var controllers = new Dictionary<(string, string, string), LiveController>();
        foreach (var file in files)
            ReadFile(file, errors, nodes, pods, controllers);
        if (errors.Count == 0 && nodes.Count == 0)
        {
            errors.Add(new InputError(string.Join(", ", files), "",
                $"no Node objects: a snapshot needs the cluster's nodes and pods (kubectl get {KubectlKinds} -A -o json)"));
        }
        return errors.Count > 0 ? throw new InvalidInputException(errors) : new ClusterSnapshot(nodes, pods, controllers);
    }

    private static void ReadFile(string file, List<InputError> errors, List<LiveNode> nodes, List<LivePod> pods,
        Dictionary<(string, string, string), LiveController> controllers)
    {
        if (!File.Exists(file))
        {
            errors.Add(new InputError(file, "", "no such file"));
            return;
        }
        if (!StartsAsJson(file))
        {
            errors.Add(new InputError(file, "", $"expected the JSON that kubectl writes (kubectl get {KubectlKinds} -A -o json)") { Line = 1, Column = 1 });
            return;
        }
        var unplaced = new List<(int Index, long Offset)>();
        foreach (var (obj, document, path, offset) in JsonManifestReader.Read(file, KubernetesJsonContext.Default.ClusterObject, errors))
        {
            var name = obj.Metadata.Name;
            if (string.IsNullOrEmpty(obj.Kind) || string.IsNullOrEmpty(name))
            {
                errors.Add(new InputError(file, path, "an object needs kind and metadata.name, as the API server returns them") { Document = document });
                unplaced.Add((errors.Count - 1, offset));
                continue;
            }
            var @namespace = obj.Metadata.Namespace ?? "";
            switch (obj.Kind)
            {
                case "Node":
                    nodes.Add(new LiveNode(new Node
                    {
                        Kind = "Node",
                        Metadata = obj.Metadata,
                        Spec = new NodeSpec { Taints = obj.Spec?.Taints, Unschedulable = obj.Spec?.Unschedulable ?? false },
                        Status = new NodeStatus { Allocatable = obj.Status?.Allocatable },
                    }, Condition(obj, "Ready")?.Status == "True"));
                    break;
                case "Pod":
                    var scheduled = Condition(obj, "PodScheduled");
                    pods.Add(new LivePod(name, @namespace, obj.Metadata, obj.Spec ?? new ClusterObjectSpec(), obj.Status?.Phase ?? "Pending")
                    {
                        UnschedulableMessage = scheduled is { Status: "False", Reason: "Unschedulable" } ? scheduled.Message : null,
                    });
                    break;
                case var kind when ControllerKinds.Contains(kind):
                    controllers[(@namespace, kind, name)] = new LiveController(kind, name, @namespace, obj.Metadata, obj.Spec?.Template);
                    break;
            }
        }
        JsonManifestReader.Place(file, errors, unplaced);
    }

    private static ObjectCondition? Condition(ClusterObject obj, string type) => obj.Status?.Conditions?.FirstOrDefault(c => c.Type == type);

    private static bool StartsAsJson(string file)
    {
        using var stream = File.OpenRead(file);
        int first;
        do
        {
            first = stream.ReadByte();
        }
        while (first is ' ' or '\t' or '\r' or '\n' or 0xEF or 0xBB or 0xBF);
        return first is '{' or '[' or -1;
    }
}
