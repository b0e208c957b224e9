using System.Text.Json;
using System.Text.Json.Nodes;
using NodePools.Placement.Deployment;
using NodePools.Placement.Facts;
using NodePools.Placement.Input;
using NodePools.Placement.Kubernetes;
using NodePools.Placement.Planning;
using NodePools.Placement.Scheduling;
using NodePools.Placement.Verdicts;

namespace NodePools.Tests.Shared;

/// <summary>
/// A cluster snapshot as kubectl writes it (one List) of a stack deployed as declared: each pool's
/// nodes (desired size, at least one) with the labels EKS and the kubelet add, its taints and its
/// instance type's allocatable; the EKS add-ons' pods; and each workload's pods, owned through a
/// ReplicaSet or a DaemonSet carrying Helm's release annotations, bound to fitting nodes of its own
/// pools. Workloads are the rendered ones when given, else one per declared slot. Tests plant drift
/// into the JSON.
/// </summary>
internal static class StackSnapshots
{
    private sealed record Bound(string Namespace, string Kind, string Name, string Owner, PodSpec Spec, IReadOnlySet<string> Pools, int Replicas, bool Helm, string? OwnerKind = null);

    public static JsonObject Build(StackPlan plan, RenderedEvaluation? rendered = null)
    {
        var items = new JsonArray();
        var nodes = new List<(string Name, PoolPlan Pool, SchedulingNode Node)>();
        foreach (var (pool, index) in plan.Pools.Select((pool, index) => (pool, index)))
        {
            for (var i = 0; i < Math.Max(1, pool.Spec.Scaling.Desired); i++)
            {
                var name = $"ip-10-{index}-0-{i}.ec2.internal";
                var labels = pool.NodeTemplate.Labels.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
                labels[WellKnownLabels.Hostname] = name;
                labels[WellKnownLabels.EksNodegroup] = $"{pool.Name}-20260101000000000000000001";
                var allocatable = InstanceCatalog.Allocatable(pool.Spec.InstanceTypes[0], pool.Spec.DiskSize, pool.Spec.AmiType.Contains("NVIDIA", StringComparison.Ordinal));
                items.Add(Node(name, labels, pool.Spec.Taints, allocatable));
                nodes.Add((name, pool, new SchedulingNode(name, labels, pool.Spec.Taints)));
            }
        }
        var all = plan.Pools.Select(pool => pool.Name).ToHashSet();
        var workloads = new List<Bound>();
        foreach (var addon in AddonPods.All.Where(addon => addon.DaemonSet))
            workloads.Add(new Bound("kube-system", "DaemonSet", addon.Name.Split('/')[1], "", addon.Spec, all, 1, Helm: false));
        foreach (var addon in AddonPlacement.All(plan))
        {
            var pools = PoolVerdicts.Fitting(SchedulingPod.From(addon.Workload, "Deployment", addon.Pod, SchedulingOptions.Eks), plan.Pools).ToHashSet();
            workloads.Add(new Bound("kube-system", "Deployment", addon.Workload.Split('/')[1], "", addon.Pod, pools, 2, Helm: false));
        }
        if (rendered is not null)
        {
            foreach (var placement in rendered.Deployed)
            {
                var (kind, name) = placement.Workload.ClusterName;
                if (kind is not ("Deployment" or "StatefulSet" or "DaemonSet"))
                    continue; // hooks and jobs come and go; runtime templates have no object of their own
                workloads.Add(new Bound(placement.Workload.Namespace ?? placement.Release.Spec.Namespace, kind, name, placement.Release.Name,
                    placement.Workload.Spec, placement.HomePools, Math.Max(1, placement.Workload.Replicas), Helm: placement.Workload.From is null));
            }
        }
        else
        {
            foreach (var release in plan.Releases)
            {
                foreach (var (slot, index) in release.Slots.Select((slot, index) => (slot, index)))
                {
                    var spec = new PodSpec
                    {
                        Affinity = slot.Placement.Affinity,
                        Tolerations = [.. slot.Placement.Tolerations],
                        NodeSelector = slot.Placement.NodeSelector?.ToDictionary(),
                        Containers = [new Container { Name = "main", Resources = new ResourceRequirements { Requests = slot.Spec.Requests.ToDictionary() } }],
                    };
                    var pools = IntendedPools.Of(slot, plan).ToHashSet();
                    if (slot.Spec.Style != Placement.Declaration.SlotStyle.Standard)
                        workloads.Add(new Bound(release.Spec.Namespace, "Pod", $"{release.Name}-task-{index}", release.Name, spec, pools, 1, Helm: false, OwnerKind: "TaskRun"));
                    else
                        workloads.Add(new Bound(release.Spec.Namespace, slot.Spec.DaemonSet ? "DaemonSet" : "Deployment", $"{release.Name}-{index}", release.Name, spec, pools, slot.Spec.Replicas, Helm: true));
                }
            }
        }
        foreach (var workload in workloads)
            AddWorkload(items, workload, nodes);
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = items };
    }

    public static string Write(JsonObject snapshot, string directory, string name = "snapshot.json")
    {
        var file = Path.Combine(directory, name);
        File.WriteAllText(file, snapshot.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return file;
    }

    public static IEnumerable<JsonObject> Items(JsonObject snapshot, string kind) =>
        snapshot["items"]!.AsArray().OfType<JsonObject>().Where(item => (string?)item["kind"] == kind);

    public static JsonObject Item(JsonObject snapshot, string kind, string name) =>
        Items(snapshot, kind).First(item => (string?)item["metadata"]!["name"] == name);

    public static JsonObject Node(string name, IReadOnlyDictionary<string, string> labels, IEnumerable<Taint> taints, IReadOnlyDictionary<string, string>? allocatable) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Node",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = Map(labels) },
        ["spec"] = new JsonObject { ["taints"] = new JsonArray([.. taints.Select(Taint)]) },
        ["status"] = new JsonObject
        {
            ["allocatable"] = allocatable is null ? null : Map(allocatable),
            ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "True" }),
        },
    };

    public static JsonObject Taint(Taint taint)
    {
        var json = new JsonObject { ["key"] = taint.Key, ["effect"] = taint.Effect };
        if (taint.Value is not null)
            json["value"] = taint.Value;
        return json;
    }

    public static JsonObject Pod(string @namespace, string name, string ownerKind, string ownerName, PodSpec spec, string? nodeName, IReadOnlyDictionary<string, string>? labels = null)
    {
        var specJson = JsonSerializer.SerializeToNode(spec, KubernetesJsonContext.Default.PodSpec)!.AsObject();
        if (nodeName is not null)
            specJson["nodeName"] = nodeName;
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = @namespace,
                ["labels"] = Map(labels ?? new Dictionary<string, string>()),
                ["ownerReferences"] = new JsonArray(new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = ownerKind, ["name"] = ownerName, ["controller"] = true }),
            },
            ["spec"] = specJson,
            ["status"] = nodeName is null
                ? new JsonObject
                {
                    ["phase"] = "Pending",
                    ["conditions"] = new JsonArray(new JsonObject { ["type"] = "PodScheduled", ["status"] = "False", ["reason"] = "Unschedulable", ["message"] = "0/1 nodes are available" }),
                }
                : new JsonObject { ["phase"] = "Running", ["conditions"] = new JsonArray(new JsonObject { ["type"] = "PodScheduled", ["status"] = "True" }) },
        };
    }

    private static void AddWorkload(JsonArray items, Bound workload, List<(string Name, PoolPlan Pool, SchedulingNode Node)> nodes)
    {
        var pod = SchedulingPod.From(workload.Name, workload.Kind == "DaemonSet" ? WorkloadKinds.DaemonSet : workload.Kind, workload.Spec, SchedulingOptions.Eks);
        var fitting = nodes.Where(node => workload.Pools.Contains(node.Pool.Name) && Scheduler.Evaluate(pod, node.Node).Schedulable).Select(node => node.Name).ToList();
        var annotations = workload.Helm
            ? new JsonObject { ["meta.helm.sh/release-name"] = workload.Owner, ["meta.helm.sh/release-namespace"] = workload.Namespace }
            : new JsonObject();
        var template = new JsonObject { ["spec"] = JsonSerializer.SerializeToNode(workload.Spec, KubernetesJsonContext.Default.PodSpec) };
        JsonObject Controller(string kind, string name, JsonObject? owner = null) => new()
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = kind,
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = workload.Namespace,
                ["annotations"] = annotations.DeepClone(),
                ["ownerReferences"] = owner is null ? null : new JsonArray(owner),
            },
            ["spec"] = new JsonObject { ["template"] = template.DeepClone() },
        };
        switch (workload.Kind)
        {
            case "DaemonSet":
                items.Add(Controller("DaemonSet", workload.Name));
                foreach (var (node, i) in fitting.Select((node, i) => (node, i)))
                    items.Add(Pod(workload.Namespace, $"{workload.Name}-{i:x5}", "DaemonSet", workload.Name, workload.Spec, node));
                break;
            case "Pod":
                items.Add(Pod(workload.Namespace, workload.Name, workload.OwnerKind!, workload.Name, workload.Spec, fitting.FirstOrDefault()));
                break;
            default:
                var ownerKind = workload.Kind == "StatefulSet" ? "StatefulSet" : "ReplicaSet";
                var ownerName = workload.Kind == "StatefulSet" ? workload.Name : $"{workload.Name}-5d8f7c9b4";
                items.Add(Controller(workload.Kind, workload.Name));
                if (ownerKind == "ReplicaSet")
                    items.Add(Controller("ReplicaSet", ownerName, new JsonObject { ["kind"] = workload.Kind, ["name"] = workload.Name, ["controller"] = true }));
                for (var i = 0; i < workload.Replicas; i++)
                {
                    var labels = ownerKind == "ReplicaSet" ? new Dictionary<string, string> { ["pod-template-hash"] = "5d8f7c9b4" } : null;
                    items.Add(Pod(workload.Namespace, $"{ownerName}-{i}", ownerKind, ownerName, workload.Spec, fitting.Count == 0 ? null : fitting[i % fitting.Count], labels));
                }
                break;
        }
    }

    private static JsonObject Map(IEnumerable<KeyValuePair<string, string>> pairs) =>
        new(pairs.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)JsonValue.Create(pair.Value))));
}
