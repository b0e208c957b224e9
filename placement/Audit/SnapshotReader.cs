using NodePools.Placement.Input;
using NodePools.Placement.Kubernetes;
using NodePools.Placement.Manifests;
using NodePools.Placement.Scheduling;

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
        if (!ManifestReader.IsJson(file))
        {
            errors.Add(new InputError(file, "", $"expected the JSON that kubectl writes (kubectl get {KubectlKinds} -A -o json)") { Line = 1, Column = 1 });
            return;
        }
        var read = new FileObjects();
        // What kubectl writes takes the one-pass reader; any other shape, and any problem, the reader that locates it.
        if (!KubectlListReader.TryRead(file, KubernetesJsonContext.Default.ClusterObject, (obj, index, offset) => read.Take(file, obj, 1, $"items[{index}]", offset)))
        {
            read = new FileObjects();
            JsonManifestReader.Read(file, KubernetesJsonContext.Default.ClusterObject, errors, (obj, document, path, offset) => read.Take(file, obj, document, path, offset), comments: false);
        }
        var unplaced = new List<(int Index, long Offset)>();
        foreach (var (error, offset) in read.Errors)
        {
            errors.Add(error);
            unplaced.Add((errors.Count - 1, offset));
        }
        JsonManifestReader.Place(file, errors, unplaced);
        nodes.AddRange(read.Nodes);
        pods.AddRange(read.Pods);
        foreach (var controller in read.Controllers)
            controllers[(controller.Namespace, controller.Kind, controller.Name)] = controller;
    }

    /// <summary>What one file holds, kept apart until the file is read whole (a reader that gives up starts again).</summary>
    private sealed class FileObjects
    {
        private readonly StringPool _strings = new();

        public List<LiveNode> Nodes { get; } = [];
        public List<LivePod> Pods { get; } = [];
        public List<LiveController> Controllers { get; } = [];
        public List<(InputError Error, long Offset)> Errors { get; } = [];

        public void Take(string file, ClusterObject obj, int document, string path, long offset)
        {
            var name = obj.Metadata.Name;
            if (string.IsNullOrEmpty(obj.Kind) || string.IsNullOrEmpty(name))
            {
                Errors.Add((new InputError(file, path, "an object needs kind and metadata.name, as the API server returns them") { Document = document }, offset));
                return;
            }
            var @namespace = _strings.Get(obj.Metadata.Namespace ?? "");
            switch (obj.Kind)
            {
                case "Node":
                    Nodes.Add(new LiveNode(new Node
                    {
                        Kind = "Node",
                        Metadata = new ObjectMeta { Name = name, Labels = obj.Metadata.Labels },
                        Spec = new NodeSpec { Taints = obj.Spec?.Taints, Unschedulable = obj.Spec?.Unschedulable ?? false },
                        Status = new NodeStatus { Allocatable = obj.Status?.Allocatable },
                    }, Condition(obj, "Ready")?.Status == "True"));
                    break;
                case "Pod":
                    Pods.Add(Pod(obj, name, @namespace));
                    break;
                case var kind when ControllerKinds.Contains(kind):
                    Controllers.Add(new LiveController(kind, name, @namespace, obj.Metadata, obj.Spec?.Template));
                    break;
            }
        }
    }

    /// <summary>
    /// A pod, kept small: a cluster has tens of thousands, and what each keeps stays on the heap for the
    /// whole audit. Its requests are summed now; a running pod keeps its placement fields (they say
    /// why it may run where it runs), a pending one its whole spec, a finished one nothing.
    /// </summary>
    private static LivePod Pod(ClusterObject obj, string name, string @namespace)
    {
        var phase = string.Intern(obj.Status?.Phase ?? "Pending");
        var spec = obj.Spec ?? new ClusterObjectSpec();
        var scheduled = Condition(obj, "PodScheduled");
        var labels = obj.Metadata.Labels;
        var pod = new LivePod(name, @namespace, spec, phase)
        {
            Owner = obj.Metadata.Controller,
            TemplateHash = labels?.GetValueOrDefault("pod-template-hash"),
            Instance = labels?.GetValueOrDefault(WorkloadHomes.InstanceLabel),
            UnschedulableMessage = scheduled is { Status: "False", Reason: "Unschedulable" } ? scheduled.Message : null,
        };
        if (pod.Terminated)
            return pod with { Spec = Finished };
        if (pod.Pending)
            return pod with { Requests = ResourceFit.PodRequests(spec) };
        return pod with
        {
            Requests = ResourceFit.PodRequests(spec),
            Spec = new PodSpec { NodeName = spec.NodeName, NodeSelector = spec.NodeSelector, Affinity = spec.Affinity, Tolerations = spec.Tolerations },
        };
    }

    private static readonly PodSpec Finished = new();

    private static ObjectCondition? Condition(ClusterObject obj, string type) => obj.Status?.Conditions?.FirstOrDefault(c => c.Type == type);
}

/// <summary>One string per distinct value (namespaces repeat across a cluster's pods).</summary>
internal sealed class StringPool
{
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);

    public string Get(string value) => _strings.TryGetValue(value, out var pooled) ? pooled : _strings[value] = value;
}
