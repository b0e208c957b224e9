using System.Globalization;
using System.Text.Json;
using NodePools.Placement.Declaration;
using NodePools.Placement.Deployment;
using NodePools.Placement.Facts;
using NodePools.Placement.Input;
using NodePools.Placement.Kubernetes;
using NodePools.Placement.Planning;
using NodePools.Placement.Scheduling;

namespace NodePools.Benchmarks;

/// <summary>
/// Writes the snapshot of a large cluster running the prod stack, as
/// `kubectl get nodes,pods,replicasets,deployments,statefulsets,daemonsets,jobs,cronjobs -A -o json`
/// writes it: one List, kinds in that order, indented by four spaces. Streamed with a Utf8JsonWriter,
/// so 150,000 pods never sit in memory as a tree.
///
/// The cluster: every pool of the stack scaled out (worker and dispatch take most nodes), each node with
/// the labels EKS and the kubelet set, its pool's taints, its instance type's capacity and allocatable,
/// conditions, addresses, nodeInfo and images; the EKS add-on DaemonSets on every node; each release's
/// workloads (Deployments through ReplicaSets, StatefulSets, DaemonSets, a CronJob's Jobs) with Helm's
/// release annotations and the placement the stack derives for their slots, bound to nodes of the pools
/// they fit; Flyte task pods and Tekton TaskRun pods (the runtimes' pods, placed by the stack's runtime
/// templates) fill the rest, some of them completed. A few hundred deterministic plants give the audit
/// work: pods off their pools, pending pods, strays on tainted pools, node drift, a node group of no
/// pool, DaemonSet gaps.
/// </summary>
public static class AuditSnapshot
{
    /// <summary>What was written: counts, and the plants the audit should find.</summary>
    public sealed record Stats(int Nodes, int Pods, int Controllers, long Bytes, IReadOnlyList<string> Planted);

    private const string Created = "2026-05-20T08:14:03Z";
    private const string Started = "2026-06-01T09:30:00Z";
    private const string Region = "us-east-1";
    private static readonly string[] Zones = ["us-east-1a", "us-east-1b", "us-east-1c"];
    private static readonly string[] ZoneIds = ["use1-az1", "use1-az2", "use1-az4"];
    private static readonly string[] FlyteProjects = ["flytesnacks", "ml-training", "etl", "forecasting", "recsys"];
    private static readonly string[] FlyteDomains = ["development", "staging", "production"];
    private static readonly (string Cpu, string Memory)[] TaskSizes = [("100m", "128Mi"), ("200m", "256Mi"), ("250m", "384Mi"), ("300m", "512Mi")];
    private static readonly JsonWriterOptions KubectlStyle = new() { Indented = true, IndentSize = 4, SkipValidation = true };

    /// <summary>Nodes of each pool at 5,000 nodes; worker takes what the others leave, and "legacy" is a node group of no declared pool.</summary>
    private static readonly (string Pool, int Nodes)[] Layout =
    [
        ("system", 100), ("services", 400), ("gpu", 120), ("data-store", 12), ("dispatch", 712), ("legacy", 10), ("worker", 0),
    ];

    private sealed class GenNode(int index, string name, PoolPlan? pool, string group, string instanceType, int zone)
    {
        public int Index { get; } = index;
        public string Name { get; } = name;
        public PoolPlan? Pool { get; } = pool;
        public string Group { get; } = group;
        public string InstanceType { get; } = instanceType;
        public int Zone { get; } = zone;
        public string Ip => $"10.{Index / 62500 % 250}.{Index / 250 % 250}.{Index % 250 + 4}";
        public Dictionary<string, string> Labels { get; } = new(StringComparer.Ordinal);
        public List<Taint> Taints { get; } = [];
        public IReadOnlyDictionary<string, string> Allocatable { get; set; } = new Dictionary<string, string>();
        public bool Ready { get; set; } = true;
        public bool Cordoned { get; set; }
        public long CpuFree { get; set; }
        public int PodsFree { get; set; }
        public int GpuFree { get; set; }
    }

    /// <summary>A workload as its controller and pods are written.</summary>
    private sealed class Workload
    {
        public required string Namespace { get; init; }
        public required string Kind { get; init; } // Deployment, StatefulSet, DaemonSet, CronJob, or the runtime's kind (FlyteWorkflow, TaskRun)
        public required string Name { get; init; }
        public string? Release { get; init; }
        public string? Chart { get; init; }
        public required string Component { get; init; }
        public required string Image { get; init; }
        public required PodSpec Spec { get; init; }
        public IReadOnlyList<string> Pools { get; init; } = [];
        public int Replicas { get; init; }
        public int Completed { get; init; }
        public bool Fits { get; init; } = true;
        public string Hash { get; set; } = "";
        public string Uid { get; set; } = "";
        public List<(string Name, string Uid)> Children { get; } = [];
    }

    private sealed record PodPlan(Workload Workload, string Name, string? Owner, string OwnerKind, string OwnerUid, GenNode? Node, string Phase, PodSpec Spec, string? Unschedulable = null);

    public static Stats Write(string path, StackPlan plan, int nodeCount = 5_000, int podCount = 150_000)
    {
        var scale = nodeCount / 5_000.0;
        int Scaled(int full, int min = 1) => Math.Max(min, (int)Math.Round(full * scale));
        var random = new Random(20260601);
        var planted = new List<string>();

        // Nodes, pool by pool.
        var nodes = new List<GenNode>(nodeCount);
        var byPool = new Dictionary<string, List<GenNode>>(StringComparer.Ordinal);
        var others = Layout.Where(l => l.Pool != "worker").Sum(l => Scaled(l.Nodes));
        foreach (var (name, full) in Layout)
        {
            var count = name == "worker" ? nodeCount - others : Scaled(full);
            var pool = plan.Pools.FirstOrDefault(p => p.Name == name);
            var group = $"{name}-{(name == "legacy" ? "20240311" : "20260520")}081403{name.Length % 10}{name[0] % 10}000000000000{name.Length % 9 + 1}";
            var list = byPool[name] = [];
            for (var i = 0; i < count; i++)
            {
                var types = pool?.Spec.InstanceTypes ?? ["m5.xlarge"];
                var node = new GenNode(nodes.Count, NodeName(nodes.Count), pool, group, types[i % types.Count], i % Zones.Length);
                Label(node, pool);
                nodes.Add(node);
                list.Add(node);
            }
        }

        // Drift planted on nodes: a taint added by hand, a pool label removed, cordons and NotReady kubelets (not drift).
        var workers = byPool["worker"];
        foreach (var node in workers.Skip(17).Take(4))
            node.Taints.Add(new Taint { Key = "maintenance", Value = "true", Effect = TaintEffects.NoSchedule });
        planted.Add("4 worker nodes carry a taint added by hand (node-drift)");
        foreach (var node in byPool["services"].Skip(5).Take(2))
            node.Labels.Remove("union.ai/node-role");
        planted.Add("2 services nodes lost the pool label (node-drift)");
        foreach (var node in workers.Skip(40).Take(3))
        {
            node.Cordoned = true;
            node.Taints.Add(new Taint { Key = "node.kubernetes.io/unschedulable", Effect = TaintEffects.NoSchedule });
        }
        foreach (var node in workers.Skip(60).Take(2))
        {
            node.Ready = false;
            node.Taints.Add(new Taint { Key = "node.kubernetes.io/unreachable", Effect = TaintEffects.NoExecute });
            node.Taints.Add(new Taint { Key = "node.kubernetes.io/unreachable", Effect = TaintEffects.NoSchedule });
        }
        planted.Add($"{byPool["legacy"].Count} nodes of node group legacy, which no pool declares (node-unknown)");

        // Workloads: the EKS add-ons, each release's, the runtimes', and a few of no release.
        var workloads = new List<Workload>();
        var pods = new List<PodPlan>(podCount);
        foreach (var addon in AddonPods.All.Where(addon => addon.DaemonSet))
        {
            var name = addon.Name.Split('/')[1];
            workloads.Add(new Workload
            {
                Namespace = "kube-system", Kind = "DaemonSet", Name = name, Component = name,
                Image = $"602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/{name}:v1.35.0-eksbuild.1",
                Spec = addon.Spec.Containers is { Count: > 0 } ? addon.Spec : addon.Spec with { Containers = [new Container { Name = name }] },
            });
        }
        foreach (var addon in AddonPlacement.All(plan))
        {
            var name = addon.Workload.Split('/')[1];
            workloads.Add(new Workload
            {
                Namespace = "kube-system", Kind = "Deployment", Name = name, Component = name,
                Image = $"602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/{name}:v1.12.1-eksbuild.2", Spec = addon.Pod, Pools = ["system"],
                Replicas = name == "coredns" ? Scaled(10, 2) : 2,
            });
        }
        Workload Release(string release, string? slot, string kind, string name, int replicas, string cpu, string memory, string image,
            IReadOnlyList<string>? pools = null, IReadOnlyDictionary<string, string>? extra = null, Dictionary<string, string>? nodeSelector = null)
        {
            var releasePlan = plan.Releases.First(r => r.Name == release);
            var placement = slot is null ? null : releasePlan.Slots.First(s => s.Spec.Path == slot).Placement;
            var selector = placement?.NodeSelector?.ToDictionary(StringComparer.Ordinal);
            if (nodeSelector is not null)
            {
                selector ??= new(StringComparer.Ordinal);
                foreach (var (key, value) in nodeSelector)
                    selector[key] = value;
            }
            var requests = new Dictionary<string, string>(StringComparer.Ordinal) { ["cpu"] = cpu, ["memory"] = memory };
            var limits = new Dictionary<string, string>(StringComparer.Ordinal) { ["memory"] = memory };
            foreach (var (key, value) in extra ?? new Dictionary<string, string>())
                requests[key] = limits[key] = value;
            var workload = new Workload
            {
                Namespace = releasePlan.Spec.Namespace, Kind = kind, Name = name, Release = release,
                Chart = $"{releasePlan.Spec.Chart}-{releasePlan.Spec.Version}", Component = name.Replace(release + "-", "", StringComparison.Ordinal), Image = image,
                Spec = new PodSpec
                {
                    Affinity = placement?.Affinity,
                    Tolerations = placement is null ? null : [.. placement.Tolerations],
                    NodeSelector = selector,
                    Containers = [new Container { Name = name.Split('-')[^1], Resources = new ResourceRequirements { Requests = requests, Limits = limits } }],
                },
                Pools = pools ?? (slot is null ? ["system"] : [.. IntendedPools.Of(releasePlan.Slots.First(s => s.Spec.Path == slot), plan).Order(StringComparer.Ordinal)]),
                Replicas = replicas,
            };
            workloads.Add(workload);
            return workload;
        }
        const string UnionRegistry = "public.ecr.aws/p0i0a9q8/unionoperator";
        Release("union", "scheduling", "Deployment", "union-operator", 3, "500m", "512Mi", $"{UnionRegistry}:2026.4.10", ["services"]);
        Release("union", "scheduling", "Deployment", "union-operator-proxy", Scaled(200), "250m", "256Mi", $"{UnionRegistry}:2026.4.10", ["services"]);
        var executor = Release("union", "scheduling", "Deployment", "executor", Scaled(1_600), "500m", "1Gi", $"{UnionRegistry}:2026.4.10", ["services"]);
        Release("union", "scheduling", "Deployment", "leaseworker", Scaled(150), "4", "8Gi", $"{UnionRegistry}:2026.4.10", ["services"]);
        Release("union", "scheduling", "Deployment", "union-pod-webhook", 3, "100m", "128Mi", $"{UnionRegistry}:2026.4.10", ["services"]);
        Release("union", "flyteconnector", "Deployment", "flyteconnector", Scaled(200), "500m", "1Gi", "ghcr.io/flyteorg/flyteconnector:v1.16.0");
        Release("union", "prometheus.server", "Deployment", "union-operator-prometheus", 1, "2", "8Gi", "quay.io/prometheus/prometheus:v3.4.1");
        Release("union", "prometheus.kube-state-metrics", "Deployment", "union-kube-state-metrics", 1, "200m", "512Mi", "registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.16.0");
        Release("union", "imageBuilder.buildkit", "Deployment", "union-operator-buildkit", Scaled(100), "1", "2Gi", "moby/buildkit:v0.23.2", ["worker"]);
        Release("union", "fluentbit", "DaemonSet", "fluentbit", 0, "100m", "128Mi", "cr.fluentbit.io/fluent/fluent-bit:4.0.3", ["services", "worker"]);
        // The knative-operator subchart's Deployments: placed on services by the release's patches (the placement of an intent on services).
        Release("union", "scheduling", "Deployment", "knative-operator", 1, "100m", "256Mi", "gcr.io/knative-releases/knative.dev/operator/cmd/operator:v1.18.1", ["services"]);
        Release("union", "scheduling", "Deployment", "operator-webhook", 1, "100m", "128Mi", "gcr.io/knative-releases/knative.dev/operator/cmd/webhook:v1.18.1", ["services"]);
        var gc = Release("union", "scheduling", "CronJob", "union-operator-gc", 1, "100m", "128Mi", $"{UnionRegistry}:2026.4.10", ["services"]);
        Release("tekton-pipeline", "controller", "Deployment", "tekton-pipelines-controller", 2, "500m", "512Mi", "ghcr.io/tektoncd/pipeline/controller:v1.4.0");
        Release("tekton-pipeline", "webhook", "Deployment", "tekton-pipelines-webhook", 3, "100m", "128Mi", "ghcr.io/tektoncd/pipeline/webhook:v1.4.0");
        Release("tekton-pipeline", "remoteresolver", "Deployment", "tekton-pipelines-remote-resolvers", 2, "100m", "128Mi", "ghcr.io/tektoncd/pipeline/resolvers:v1.4.0");
        Release("tekton-pipeline", null, "Deployment", "tekton-events-controller", 1, "100m", "128Mi", "ghcr.io/tektoncd/pipeline/events:v1.4.0");
        Release("argo-cd", "controller", "StatefulSet", "argocd-application-controller", 3, "1", "2Gi", "quay.io/argoproj/argocd:v2.13.3");
        Release("argo-cd", "server", "Deployment", "argocd-server", 4, "250m", "256Mi", "quay.io/argoproj/argocd:v2.13.3");
        var repoServer = Release("argo-cd", "repoServer", "Deployment", "argocd-repo-server", Scaled(40) + Scaled(60), "250m", "512Mi", "quay.io/argoproj/argocd:v2.13.3");
        Release("argo-cd", "applicationSet", "Deployment", "argocd-applicationset-controller", 2, "100m", "128Mi", "quay.io/argoproj/argocd:v2.13.3");
        Release("argo-cd", "notifications", "Deployment", "argocd-notifications-controller", 1, "100m", "128Mi", "quay.io/argoproj/argocd:v2.13.3");
        Release("argo-cd", "dex", "Deployment", "argocd-dex-server", 1, "100m", "128Mi", "ghcr.io/dexidp/dex:v2.41.1");
        Release("argo-cd", "redis", "Deployment", "argocd-redis", 1, "100m", "256Mi", "public.ecr.aws/docker/library/redis:7.4.1-alpine");
        Release("nvidia-device-plugin", "", "DaemonSet", "nvidia-device-plugin", 0, "50m", "64Mi", "nvcr.io/nvidia/k8s-device-plugin:v0.20.0");
        Release("nvidia-device-plugin", "", "DaemonSet", "nvidia-device-plugin-mps-control-daemon", 0, "50m", "64Mi", "nvcr.io/nvidia/k8s-device-plugin:v0.20.0",
            nodeSelector: new() { ["nvidia.com/mps.capable"] = "true" });
        var gpus = byPool["gpu"].Count;
        var inference = Release("inference", "defaultPodOptions", "Deployment", "inference", gpus + Scaled(30), "2", "8Gi", "nvcr.io/nvidia/cuda:12.6.3-base-ubuntu24.04",
            extra: new Dictionary<string, string> { ["nvidia.com/gpu"] = "1" });
        Release("postgresql", "primary", "StatefulSet", "postgresql-primary", 1, "2", "8Gi", "docker.io/bitnamilegacy/postgresql:17.6.0-debian-12-r4");
        Release("postgresql", "readReplicas", "StatefulSet", "postgresql-read", byPool["data-store"].Count - 1, "2", "8Gi", "docker.io/bitnamilegacy/postgresql:17.6.0-debian-12-r4");

        // Of no release of the stack: on the system pool (no finding), and two strays on tainted pools.
        PodSpec Plain(string cpu, string memory, List<Toleration>? tolerations = null, Dictionary<string, string>? selector = null) => new()
        {
            Tolerations = tolerations,
            NodeSelector = selector,
            Containers = [new Container { Name = "main", Resources = new ResourceRequirements { Requests = new() { ["cpu"] = cpu, ["memory"] = memory }, Limits = new() { ["memory"] = memory } } }],
        };
        var system = plan.Pool("system").Spec.Labels.ToDictionary(StringComparer.Ordinal);
        if (plan.Releases.Any(release => release.Name == AutoscalerSpec.ReleaseName))
            Release(AutoscalerSpec.ReleaseName, "", "Deployment", "cluster-autoscaler", 1, "100m", "600Mi", "registry.k8s.io/autoscaling/cluster-autoscaler:v1.35.0");
        workloads.Add(new Workload { Namespace = "kube-system", Kind = "Deployment", Name = "metrics-server", Component = "metrics-server", Image = "registry.k8s.io/metrics-server/metrics-server:v0.8.0", Spec = Plain("100m", "200Mi"), Pools = ["system"], Replicas = 2 });
        var exists = new List<Toleration> { new() { Operator = TolerationOperators.Exists } };
        var netshoot = new Workload { Namespace = "default", Kind = "Deployment", Name = "netshoot-debug", Component = "debug", Image = "docker.io/nicolaka/netshoot:v0.13", Spec = Plain("50m", "64Mi", exists), Pools = ["worker"], Replicas = Scaled(80), Fits = false };
        workloads.Add(netshoot);
        planted.Add($"{netshoot.Replicas} pods of default/Deployment/netshoot-debug, of no release, on pool worker (stray)");
        workloads.Add(new Workload { Namespace = "gpu-monitoring", Kind = "DaemonSet", Name = "dcgm-exporter", Component = "dcgm-exporter", Image = "nvcr.io/nvidia/k8s/dcgm-exporter:4.2.3-4.1.3-ubuntu22.04", Spec = Plain("100m", "128Mi", exists, new() { ["gpu"] = "true" }), Fits = false });
        planted.Add($"{gpus} pods of gpu-monitoring/DaemonSet/dcgm-exporter, of no release, on pool gpu (stray)");

        // The runtimes: Tekton TaskRun pods (the stack's default pod template) and Flyte task pods (config.k8s.plugins.k8s).
        var runtimes = plan.Slots.Where(slot => slot.Spec.Style != SlotStyle.Standard).ToList();
        var taskRunPlacement = runtimes.First(slot => slot.Spec.Path == "configDefaults.default-pod-template").Placement;
        var flytePlacement = runtimes.First(slot => slot.Spec.Path == "config.k8s.plugins.k8s").Placement;
        PodSpec Runtime(DerivedPlacement placement, string cpu, string memory) => new()
        {
            Affinity = placement.Affinity,
            Tolerations = [.. placement.Tolerations],
            NodeSelector = placement.NodeSelector?.ToDictionary(StringComparer.Ordinal),
            Containers = [new Container { Name = "step", Resources = new ResourceRequirements { Requests = new() { ["cpu"] = cpu, ["memory"] = memory }, Limits = new() { ["memory"] = memory } } }],
        };

        // Pods: DaemonSets node by node, then each workload's replicas on the nodes of its pools with room.
        var fits = new Dictionary<(Workload, string), bool>();
        bool Fits(Workload workload, GenNode node)
        {
            if (node.Pool is null)
                return false;
            if (!fits.TryGetValue((workload, node.Pool.Name), out var fit))
            {
                var pod = SchedulingPod.From(workload.Name, workload.Kind, workload.Spec with { Containers = [] }, SchedulingOptions.Eks);
                fits[(workload, node.Pool.Name)] = fit = Scheduler.Evaluate(pod, new SchedulingNode(node.Name, node.Pool.NodeTemplate.Labels, node.Pool.Spec.Taints)).Schedulable;
            }
            return fit;
        }
        var missingProxy = workers.Skip(100).Take(3).ToHashSet();
        planted.Add("3 Ready worker nodes run no kube-proxy pod (daemonset-gap)");
        foreach (var workload in workloads.Where(w => w.Kind == "DaemonSet"))
        {
            foreach (var node in nodes)
            {
                var addon = workload.Namespace == "kube-system";
                if (!(addon || (workload.Fits ? Fits(workload, node) : node.Pool?.Name == "gpu")) || (workload.Name == "kube-proxy" && missingProxy.Contains(node)))
                    continue;
                Take(node, workload.Spec);
                pods.Add(new PodPlan(workload, $"{workload.Name}-{Suffix(random)}", workload.Name, "DaemonSet", "", node, "Running", workload.Spec));
            }
        }
        var cursors = new Dictionary<string, int>(StringComparer.Ordinal);
        GenNode Place(string poolName, PodSpec spec, bool force = false)
        {
            var list = byPool[poolName];
            var cursor = cursors.GetValueOrDefault(poolName);
            for (var tried = 0; tried < list.Count; tried++)
            {
                var node = list[(cursor + tried) % list.Count];
                if (force || (node.Ready && !node.Cordoned && node.Taints.Count == node.Pool!.Spec.Taints.Count && Room(node, spec)))
                {
                    cursors[poolName] = (cursor + tried + 1) % list.Count;
                    Take(node, spec);
                    return node;
                }
            }
            throw new InvalidOperationException($"pool {poolName} is full: scale the layout");
        }
        foreach (var workload in workloads.Where(w => w.Kind is "Deployment" or "StatefulSet"))
        {
            var offPool = workload == repoServer ? Scaled(60) : workload == executor ? Scaled(40) : 0;
            var pending = workload == inference ? workload.Replicas - gpus : 0;
            for (var i = 0; i < workload.Replicas; i++)
            {
                var pool = workload.Pools[i % workload.Pools.Count];
                var name = workload.Kind == "StatefulSet" ? $"{workload.Name}-{i}" : $"{workload.Name}-{{hash}}-{Suffix(random)}";
                if (i >= workload.Replicas - pending)
                {
                    pods.Add(new PodPlan(workload, name, null, "", "", null, "Pending", workload.Spec,
                        $"0/{nodeCount} nodes are available: {gpus} Insufficient nvidia.com/gpu, {nodeCount - gpus} node(s) didn't match Pod's node affinity/selector. preemption: 0/{nodeCount} nodes are available: {gpus} No preemption victims found for incoming pod."));
                    continue;
                }
                var node = i < offPool ? Place(workload == repoServer ? "worker" : "dispatch", workload.Spec, force: true) : Place(pool, workload.Spec);
                if (i >= offPool && !Fits(workload, node) && workload.Fits)
                    throw new InvalidOperationException($"{workload.Namespace}/{workload.Name} does not fit pool {pool}");
                pods.Add(new PodPlan(workload, name, null, "", "", node, "Running", workload.Spec));
            }
        }
        planted.Add($"{Scaled(60)} pods of argocd/Deployment/argocd-repo-server on pool worker, {Scaled(40)} of union/Deployment/executor on pool dispatch (pod-off-pool)");
        planted.Add($"{inference.Replicas - gpus} pods of inference/Deployment/inference Pending: every GPU taken (pod-pending)");
        // The CronJob: three completed Jobs and a running one.
        var minutes = 29_678_400;
        for (var j = 0; j < 4; j++)
        {
            var job = $"{gc.Name}-{minutes + 15 * j}";
            var jobUid = Uid($"{gc.Namespace}/Job/{job}");
            gc.Children.Add((job, jobUid));
            var node = Place("services", gc.Spec);
            pods.Add(new PodPlan(gc, $"{job}-{Suffix(random)}", job, "Job", jobUid, node, j < 3 ? "Succeeded" : "Running", gc.Spec));
        }

        // TaskRun pods on dispatch: running, completed (Tekton keeps them), and a few waiting for room.
        var dispatch = byPool["dispatch"];
        var taskRunning = dispatch.Count * 12;
        var taskDone = Scaled(4_000);
        var taskWaiting = Scaled(20);
        for (var i = 0; i < taskRunning + taskDone + taskWaiting; i++)
        {
            var (cpu, memory) = i % 3 == 0 ? ("300m", "768Mi") : ("200m", "512Mi");
            var run = $"{Repository(i)}-ci-{i / 4:x6}-{TaskName(i)}";
            var phase = i < taskRunning ? "Running" : i < taskRunning + taskDone ? "Succeeded" : "Pending";
            var spec = Runtime(taskRunPlacement, phase == "Pending" ? "3500m" : cpu, memory);
            var workload = new Workload { Namespace = "dispatch", Kind = "TaskRun", Name = run, Component = "taskrun", Image = "cgr.dev/chainguard/git:latest", Spec = spec, Pools = ["dispatch"] };
            GenNode? node = phase switch
            {
                "Running" => Place("dispatch", spec),
                "Succeeded" => dispatch[random.Next(dispatch.Count)],
                _ => null,
            };
            pods.Add(new PodPlan(workload, $"{run}-pod", run, "TaskRun", Uid(run), node, phase, spec,
                phase == "Pending" ? $"0/{nodeCount} nodes are available: {dispatch.Count} Insufficient cpu, {nodeCount - dispatch.Count} node(s) had untolerated taint(s). preemption: not eligible due to preemptionPolicy=Never." : null));
        }
        planted.Add($"{taskWaiting} TaskRun pods asking 3.5 CPUs Pending on a full dispatch pool (pod-pending)");

        // Flyte task pods on worker fill the cluster: workflows of five task pods, most running, some completed; a few
        // workflows ask more than any worker node has.
        var oversized = Scaled(12);
        var filler = podCount - pods.Count - oversized * 5;
        if (filler < 0)
            throw new InvalidOperationException($"{podCount} pods are too few for {nodeCount} nodes' add-ons and releases");
        Workload Flow(int index, bool big)
        {
            var project = FlyteProjects[index % FlyteProjects.Length];
            var domain = FlyteDomains[index / FlyteProjects.Length % FlyteDomains.Length];
            var (cpu, memory) = big ? ("48", "300Gi") : TaskSizes[index % TaskSizes.Length];
            return new Workload
            {
                Namespace = $"{project}-{domain}", Kind = "FlyteWorkflow", Name = $"{(big ? "b" : "a")}{Hex(random, 19)}", Component = "task",
                Image = $"cr.union.ai/{project}/tasks:{Hex(random, 12)}", Spec = Runtime(flytePlacement, cpu, memory), Pools = ["worker"],
            };
        }
        Workload? flow = null;
        for (var i = 0; i < filler; i++)
        {
            if (i % 5 == 0)
                flow = Flow(i / 5, big: false);
            var phase = i % 10 == 9 ? "Succeeded" : "Running";
            var node = phase == "Running" ? Place("worker", flow!.Spec) : workers[random.Next(workers.Count)];
            pods.Add(new PodPlan(flow!, $"{flow!.Name}-n{i % 5}-0", flow.Name, "FlyteWorkflow", Uid(flow.Name), node, phase, flow.Spec));
        }
        for (var i = 0; i < oversized * 5; i++)
        {
            if (i % 5 == 0)
                flow = Flow(i / 5, big: true);
            pods.Add(new PodPlan(flow!, $"{flow!.Name}-n{i % 5}-0", flow.Name, "FlyteWorkflow", Uid(flow.Name), null, "Pending", flow.Spec,
                $"0/{nodeCount} nodes are available: {workers.Count} Insufficient cpu, {workers.Count} Insufficient memory, {nodeCount - workers.Count} node(s) didn't match Pod's node affinity/selector."));
        }
        planted.Add($"{oversized} Flyte workflows of 5 task pods asking 48 CPUs Pending: no worker node is that big (pod-pending)");

        // Controllers: names, hashes and uids before pods name their owners.
        foreach (var workload in workloads)
        {
            workload.Uid = Uid($"{workload.Namespace}/{workload.Kind}/{workload.Name}");
            workload.Hash = Hex(random, 10).Replace('0', 'b').Replace('1', 'c');
        }

        var controllers = 0;
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        using (var writer = new Utf8JsonWriter(stream, KubectlStyle))
        {
            writer.WriteStartObject();
            writer.WriteString("apiVersion", "v1");
            writer.WriteStartArray("items");
            foreach (var node in nodes)
                WriteNode(writer, node);
            foreach (var pod in pods)
                WritePod(writer, pod);
            foreach (var kind in new[] { "ReplicaSet", "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob" })
            {
                foreach (var workload in workloads)
                {
                    if (kind == "ReplicaSet" && workload.Kind == "Deployment")
                    {
                        WriteController(writer, workload, "ReplicaSet", $"{workload.Name}-{workload.Hash}", workload.Replicas, workload.Uid);
                        WriteController(writer, workload, "ReplicaSet", $"{workload.Name}-{workload.Hash[..9]}x", 0, workload.Uid); // the previous revision
                        controllers += 2;
                    }
                    else if (kind == "Job" && workload.Kind == "CronJob")
                    {
                        foreach (var (job, _) in workload.Children)
                            WriteController(writer, workload, "Job", job, 1, workload.Uid);
                        controllers += workload.Children.Count;
                    }
                    else if (kind == workload.Kind)
                    {
                        WriteController(writer, workload, kind, workload.Name, workload.Replicas, null);
                        controllers++;
                    }
                }
            }
            writer.WriteEndArray();
            writer.WriteString("kind", "List");
            writer.WriteStartObject("metadata");
            writer.WriteString("resourceVersion", "");
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return new Stats(nodes.Count, pods.Count, controllers, new FileInfo(path).Length, planted);
    }

    public static string NodeName(int i) => $"ip-10-{i / 62500 % 250}-{i / 250 % 250}-{i % 250 + 4}.ec2.internal";

    private static void Label(GenNode node, PoolPlan? pool)
    {
        if (pool is not null)
        {
            foreach (var (key, value) in pool.NodeTemplate.Labels)
                node.Labels[key] = value;
            foreach (var taint in pool.Spec.Taints)
                node.Taints.Add(taint);
        }
        var labels = node.Labels;
        labels["beta.kubernetes.io/arch"] = labels[WellKnownLabels.Arch] = "amd64";
        labels["beta.kubernetes.io/os"] = labels[WellKnownLabels.Os] = "linux";
        labels["beta.kubernetes.io/instance-type"] = labels[WellKnownLabels.InstanceType] = node.InstanceType;
        labels["failure-domain.beta.kubernetes.io/region"] = labels["topology.kubernetes.io/region"] = Region;
        labels["failure-domain.beta.kubernetes.io/zone"] = labels[WellKnownLabels.Zone] = Zones[node.Zone];
        labels["topology.k8s.aws/zone-id"] = ZoneIds[node.Zone];
        labels[WellKnownLabels.Hostname] = node.Name;
        labels[WellKnownLabels.EksNodegroup] = node.Group;
        labels[WellKnownLabels.EksCapacityType] = pool?.Spec.CapacityType ?? "ON_DEMAND";
        labels["eks.amazonaws.com/nodegroup-image"] = pool?.Spec.AmiType.Contains("NVIDIA", StringComparison.Ordinal) == true ? "ami-0a7c3e1f5d2b94e61" : "ami-0f4b6c2d8e1a37b95";
        labels["eks.amazonaws.com/sourceLaunchTemplateId"] = $"lt-0{Uid(node.Group).Replace("-", "", StringComparison.Ordinal)[..16]}";
        labels["eks.amazonaws.com/sourceLaunchTemplateVersion"] = "3";
        labels["k8s.io/cloud-provider-aws"] = "9f1c7e0b2d4a6c8e0f1a3b5c7d9e1f20";
        var nvidia = pool?.Spec.AmiType.Contains("NVIDIA", StringComparison.Ordinal) == true;
        node.Allocatable = InstanceCatalog.Allocatable(node.InstanceType, pool?.Spec.DiskSize ?? 20, nvidia) ?? throw new InvalidOperationException($"no allocatable for {node.InstanceType}");
        node.CpuFree = Millicores(node.Allocatable["cpu"]);
        node.PodsFree = int.Parse(node.Allocatable["pods"], CultureInfo.InvariantCulture);
        node.GpuFree = node.Allocatable.TryGetValue("nvidia.com/gpu", out var gpus) ? int.Parse(gpus, CultureInfo.InvariantCulture) : 0;
    }

    private static bool Room(GenNode node, PodSpec spec) =>
        node.PodsFree > 0 && node.CpuFree >= Cpu(spec) && node.GpuFree >= Gpus(spec);

    private static void Take(GenNode node, PodSpec spec)
    {
        node.PodsFree--;
        node.CpuFree -= Cpu(spec);
        node.GpuFree -= Gpus(spec);
    }

    private static long Cpu(PodSpec spec) => spec.Containers?.Sum(c => c.Resources?.Requests?.TryGetValue("cpu", out var cpu) == true ? Millicores(cpu) : 0) ?? 0;

    private static int Gpus(PodSpec spec) => spec.Containers?.Sum(c => c.Resources?.Requests?.TryGetValue("nvidia.com/gpu", out var gpu) == true ? int.Parse(gpu, CultureInfo.InvariantCulture) : 0) ?? 0;

    private static long Millicores(string cpu) => cpu.EndsWith('m') ? long.Parse(cpu[..^1], CultureInfo.InvariantCulture) : (long)(double.Parse(cpu, CultureInfo.InvariantCulture) * 1000);

    private static readonly string[] Repositories = ["payments-api", "web-frontend", "ml-pipelines", "infra-modules", "mobile-backend", "data-platform", "search", "identity"];
    private static readonly string[] Tasks = ["git-clone", "unit-tests", "build-image", "lint", "integration-tests", "publish"];

    private static string Repository(int i) => Repositories[i / 4 % Repositories.Length];

    private static string TaskName(int i) => Tasks[i % Tasks.Length];

    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    private static string Suffix(Random random) => string.Create(5, random, (chars, r) =>
    {
        for (var i = 0; i < chars.Length; i++)
            chars[i] = Alphabet[r.Next(Alphabet.Length)];
    });

    private static string Hex(Random random, int length) => string.Create(length, random, (chars, r) =>
    {
        for (var i = 0; i < chars.Length; i++)
            chars[i] = "0123456789abcdef"[r.Next(16)];
    });

    /// <summary>A deterministic UUID of a name, as the API server would have assigned one.</summary>
    private static string Uid(string name)
    {
        var hash = System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(name));
        hash[6] = (byte)((hash[6] & 0x0f) | 0x40);
        hash[8] = (byte)((hash[8] & 0x3f) | 0x80);
        return new Guid(hash).ToString();
    }

    private static long _sequence = 100_000_000;

    private static string ResourceVersion() => Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture);

    private static void WriteNode(Utf8JsonWriter writer, GenNode node)
    {
        writer.WriteStartObject();
        writer.WriteString("apiVersion", "v1");
        writer.WriteString("kind", "Node");
        writer.WriteStartObject("metadata");
        writer.WriteStartObject("annotations");
        writer.WriteString("alpha.kubernetes.io/provided-node-ip", node.Ip);
        writer.WriteString("node.alpha.kubernetes.io/ttl", "0");
        writer.WriteString("volumes.kubernetes.io/controller-managed-attach-detach", "true");
        writer.WriteString("csi.volume.kubernetes.io/nodeid", $"{{\"ebs.csi.aws.com\":\"i-0{node.Index:x16}\"}}");
        writer.WriteEndObject();
        writer.WriteString("creationTimestamp", Created);
        writer.WriteStartObject("labels");
        foreach (var (key, value) in node.Labels)
            writer.WriteString(key, value);
        writer.WriteEndObject();
        writer.WriteString("name", node.Name);
        writer.WriteString("resourceVersion", ResourceVersion());
        writer.WriteString("uid", Uid(node.Name));
        writer.WriteEndObject();

        writer.WriteStartObject("spec");
        writer.WriteString("providerID", $"aws:///{Zones[node.Zone]}/i-0{node.Index:x16}");
        if (node.Taints.Count > 0)
        {
            writer.WriteStartArray("taints");
            foreach (var taint in node.Taints)
            {
                writer.WriteStartObject();
                writer.WriteString("effect", taint.Effect);
                writer.WriteString("key", taint.Key);
                if (taint.Key.StartsWith("node.kubernetes.io/", StringComparison.Ordinal))
                    writer.WriteString("timeAdded", "2026-06-01T09:12:44Z");
                if (taint.Value is not null)
                    writer.WriteString("value", taint.Value);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        if (node.Cordoned)
            writer.WriteBoolean("unschedulable", true);
        writer.WriteEndObject();

        writer.WriteStartObject("status");
        writer.WriteStartArray("addresses");
        foreach (var (type, address) in new[] { ("InternalIP", node.Ip), ("InternalDNS", node.Name), ("Hostname", node.Name) })
        {
            writer.WriteStartObject();
            writer.WriteString("address", address);
            writer.WriteString("type", type);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartObject("allocatable");
        foreach (var (key, value) in node.Allocatable)
            writer.WriteString(key, value);
        writer.WriteString("hugepages-1Gi", "0");
        writer.WriteString("hugepages-2Mi", "0");
        writer.WriteEndObject();
        writer.WriteStartObject("capacity");
        foreach (var (key, value) in node.Allocatable)
        {
            writer.WriteString(key, key switch
            {
                "cpu" => ((Millicores(value) + 999) / 1000).ToString(CultureInfo.InvariantCulture),
                "memory" => $"{long.Parse(value[..^2], CultureInfo.InvariantCulture) * 1024 + 1_024_000}Ki",
                "ephemeral-storage" => $"{(long.Parse(value[..^2], CultureInfo.InvariantCulture) + 1024) * 1024 * 10 / 9}Ki",
                _ => value,
            });
        }
        writer.WriteString("hugepages-1Gi", "0");
        writer.WriteString("hugepages-2Mi", "0");
        writer.WriteEndObject();
        writer.WriteStartArray("conditions");
        foreach (var (type, reason, message) in new[]
                 {
                     ("MemoryPressure", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                     ("DiskPressure", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                     ("PIDPressure", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                     ("Ready", node.Ready ? "KubeletReady" : "NodeStatusUnknown", node.Ready ? "kubelet is posting ready status" : "Kubelet stopped posting node status."),
                 })
        {
            writer.WriteStartObject();
            writer.WriteString("lastHeartbeatTime", "2026-06-01T10:02:17Z");
            writer.WriteString("lastTransitionTime", Created);
            writer.WriteString("message", message);
            writer.WriteString("reason", reason);
            writer.WriteString("status", type == "Ready" ? (node.Ready ? "True" : "Unknown") : "False");
            writer.WriteString("type", type);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartObject("daemonEndpoints");
        writer.WriteStartObject("kubeletEndpoint");
        writer.WriteNumber("Port", 10250);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteStartArray("images");
        foreach (var (image, size) in new[]
                 {
                     ("602401143452.dkr.ecr.us-east-1.amazonaws.com/amazon-k8s-cni", 67_212_345L), ("602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/kube-proxy", 38_221_776L),
                     ("602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/aws-ebs-csi-driver", 49_882_113L), ("602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/eks-pod-identity-agent", 12_345_678L),
                     ("cr.fluentbit.io/fluent/fluent-bit", 38_401_234L), ("602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/pause", 299_025L),
                 })
        {
            writer.WriteStartObject();
            writer.WriteStartArray("names");
            writer.WriteStringValue($"{image}@sha256:{Uid(image).Replace("-", "", StringComparison.Ordinal)}{Uid(image + "#").Replace("-", "", StringComparison.Ordinal)}");
            writer.WriteStringValue($"{image}:v1.35.0-eksbuild.1");
            writer.WriteEndArray();
            writer.WriteNumber("sizeBytes", size);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartObject("nodeInfo");
        writer.WriteString("architecture", "amd64");
        writer.WriteString("bootID", Uid(node.Name + "/boot"));
        writer.WriteString("containerRuntimeVersion", "containerd://2.0.5");
        writer.WriteString("kernelVersion", "6.12.27-46.110.amzn2023.x86_64");
        writer.WriteString("kubeProxyVersion", "v1.35.2-eks-4096722");
        writer.WriteString("kubeletVersion", "v1.35.2-eks-4096722");
        writer.WriteString("machineID", Uid(node.Name + "/machine").Replace("-", "", StringComparison.Ordinal));
        writer.WriteString("operatingSystem", "linux");
        writer.WriteString("osImage", "Amazon Linux 2023.7.20250512");
        writer.WriteString("systemUUID", Uid(node.Name + "/system"));
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WritePod(Utf8JsonWriter writer, PodPlan pod)
    {
        var workload = pod.Workload;
        var name = pod.Name.Replace("{hash}", workload.Hash, StringComparison.Ordinal);
        var (ownerKind, ownerName, ownerUid, ownerApi) = workload.Kind switch
        {
            "Deployment" => ("ReplicaSet", $"{workload.Name}-{workload.Hash}", Uid($"{workload.Namespace}/ReplicaSet/{workload.Name}-{workload.Hash}"), "apps/v1"),
            "StatefulSet" or "DaemonSet" => (workload.Kind, workload.Name, workload.Uid, "apps/v1"),
            "CronJob" => ("Job", pod.Owner!, pod.OwnerUid, "batch/v1"),
            "FlyteWorkflow" => ("FlyteWorkflow", pod.Owner!, pod.OwnerUid, "flyte.lyft.com/v1alpha1"),
            _ => (workload.Kind, pod.Owner!, pod.OwnerUid, "tekton.dev/v1"),
        };
        writer.WriteStartObject();
        writer.WriteString("apiVersion", "v1");
        writer.WriteString("kind", "Pod");
        writer.WriteStartObject("metadata");
        writer.WriteStartObject("annotations");
        if (workload.Release is not null)
            writer.WriteString("checksum/config", Uid(workload.Name + "/config").Replace("-", "", StringComparison.Ordinal) + "0f3c2a1b9e8d7c6b5a4f3e2d1c0b9a88");
        if (workload.Kind == "FlyteWorkflow")
        {
            writer.WriteString("cluster-autoscaler.kubernetes.io/safe-to-evict", "false");
            writer.WriteString("primary_container_name", "primary");
        }
        writer.WriteString("kubectl.kubernetes.io/default-container", workload.Spec.Containers?[0].Name ?? "main");
        writer.WriteEndObject();
        writer.WriteString("creationTimestamp", Started);
        if (workload.Kind is "Deployment" or "DaemonSet" or "CronJob")
            writer.WriteString("generateName", name[..(name.LastIndexOf('-') + 1)]);
        writer.WriteStartObject("labels");
        writer.WriteString("app.kubernetes.io/name", workload.Component);
        if (workload.Release is not null)
        {
            writer.WriteString("app.kubernetes.io/instance", workload.Release);
            writer.WriteString("app.kubernetes.io/component", workload.Component);
        }
        switch (workload.Kind)
        {
            case "Deployment":
                writer.WriteString("pod-template-hash", workload.Hash);
                break;
            case "DaemonSet":
                writer.WriteString("controller-revision-hash", workload.Hash[..9]);
                writer.WriteString("pod-template-generation", "4");
                break;
            case "StatefulSet":
                writer.WriteString("apps.kubernetes.io/pod-index", name[(name.LastIndexOf('-') + 1)..]);
                writer.WriteString("controller-revision-hash", $"{workload.Name}-{workload.Hash[..9]}");
                writer.WriteString("statefulset.kubernetes.io/pod-name", name);
                break;
            case "CronJob":
                writer.WriteString("batch.kubernetes.io/controller-uid", pod.OwnerUid);
                writer.WriteString("batch.kubernetes.io/job-name", pod.Owner!);
                break;
            case "FlyteWorkflow":
                writer.WriteString("domain", workload.Namespace[(workload.Namespace.LastIndexOf('-') + 1)..]);
                writer.WriteString("execution-id", workload.Name);
                writer.WriteString("interruptible", "false");
                writer.WriteString("node-id", name.Split('-')[^2]);
                writer.WriteString("project", workload.Namespace[..workload.Namespace.LastIndexOf('-')]);
                writer.WriteString("shard-key", "12");
                writer.WriteString("task-name", "workflows-train-step");
                writer.WriteString("workflow-name", "workflows-train-wf");
                break;
            default:
                writer.WriteString("tekton.dev/memberOf", "tasks");
                writer.WriteString("tekton.dev/pipeline", "ci");
                writer.WriteString("tekton.dev/pipelineRun", pod.Owner![..pod.Owner!.LastIndexOf('-')]);
                writer.WriteString("tekton.dev/pipelineTask", pod.Owner![(pod.Owner!.LastIndexOf('-') + 1)..]);
                writer.WriteString("tekton.dev/taskRun", pod.Owner!);
                writer.WriteString("tekton.dev/taskRunUID", pod.OwnerUid);
                break;
        }
        writer.WriteEndObject();
        writer.WriteString("name", name);
        writer.WriteString("namespace", workload.Namespace);
        writer.WriteStartArray("ownerReferences");
        writer.WriteStartObject();
        writer.WriteString("apiVersion", ownerApi);
        writer.WriteBoolean("blockOwnerDeletion", true);
        writer.WriteBoolean("controller", true);
        writer.WriteString("kind", ownerKind);
        writer.WriteString("name", ownerName);
        writer.WriteString("uid", ownerUid);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteString("resourceVersion", ResourceVersion());
        writer.WriteString("uid", Uid(workload.Namespace + "/" + name));
        writer.WriteEndObject();

        writer.WriteStartObject("spec");
        WritePlacement(writer, pod.Spec, pod.Node?.Name);
        var container = pod.Spec.Containers?[0];
        writer.WriteStartArray("containers");
        foreach (var c in pod.Spec.Containers ?? [])
            WriteContainer(writer, workload, c);
        writer.WriteEndArray();
        writer.WriteString("dnsPolicy", "ClusterFirst");
        writer.WriteBoolean("enableServiceLinks", true);
        if (pod.Spec.HostNetwork)
            writer.WriteBoolean("hostNetwork", true);
        writer.WriteString("preemptionPolicy", "PreemptLowerPriority");
        writer.WriteNumber("priority", workload.Namespace == "kube-system" ? 2_000_001_000 : 0);
        if (workload.Namespace == "kube-system")
            writer.WriteString("priorityClassName", "system-node-critical");
        writer.WriteString("restartPolicy", workload.Kind is "CronJob" or "FlyteWorkflow" or "TaskRun" ? "Never" : "Always");
        writer.WriteString("schedulerName", "default-scheduler");
        writer.WriteStartObject("securityContext");
        writer.WriteNumber("fsGroup", 65532);
        writer.WriteEndObject();
        var account = workload.Release ?? (workload.Kind is "FlyteWorkflow" or "TaskRun" ? "default" : workload.Name);
        writer.WriteString("serviceAccount", account);
        writer.WriteString("serviceAccountName", account);
        writer.WriteNumber("terminationGracePeriodSeconds", 30);
        writer.WriteStartArray("volumes");
        writer.WriteStartObject();
        writer.WriteString("name", "config");
        writer.WriteStartObject("configMap");
        writer.WriteNumber("defaultMode", 420);
        writer.WriteString("name", $"{workload.Release ?? workload.Component}-config");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteStartObject();
        writer.WriteString("name", $"kube-api-access-{name[^5..]}");
        writer.WriteStartObject("projected");
        writer.WriteNumber("defaultMode", 420);
        writer.WriteStartArray("sources");
        writer.WriteStartObject();
        writer.WriteStartObject("serviceAccountToken");
        writer.WriteNumber("expirationSeconds", 3607);
        writer.WriteString("path", "token");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteStartObject();
        writer.WriteStartObject("configMap");
        writer.WriteStartArray("items");
        writer.WriteStartObject();
        writer.WriteString("key", "ca.crt");
        writer.WriteString("path", "ca.crt");
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteString("name", "kube-root-ca.crt");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteStartObject();
        writer.WriteStartObject("downwardAPI");
        writer.WriteStartArray("items");
        writer.WriteStartObject();
        writer.WriteStartObject("fieldRef");
        writer.WriteString("apiVersion", "v1");
        writer.WriteString("fieldPath", "metadata.namespace");
        writer.WriteEndObject();
        writer.WriteString("path", "namespace");
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();

        writer.WriteStartObject("status");
        if (pod.Node is null)
        {
            writer.WriteStartArray("conditions");
            writer.WriteStartObject();
            writer.WriteString("lastProbeTime", (string?)null);
            writer.WriteString("lastTransitionTime", Started);
            writer.WriteString("message", pod.Unschedulable);
            writer.WriteString("reason", "Unschedulable");
            writer.WriteString("status", "False");
            writer.WriteString("type", "PodScheduled");
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteString("phase", "Pending");
            writer.WriteString("qosClass", "Burstable");
            writer.WriteEndObject();
            writer.WriteEndObject();
            return;
        }
        var done = pod.Phase == "Succeeded";
        writer.WriteStartArray("conditions");
        foreach (var condition in new[] { "PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled" })
        {
            writer.WriteStartObject();
            writer.WriteString("lastProbeTime", (string?)null);
            writer.WriteString("lastTransitionTime", Started);
            var status = done && condition is "Ready" or "ContainersReady" or "PodReadyToStartContainers" ? "False" : "True";
            if (status == "False" && condition != "PodReadyToStartContainers")
                writer.WriteString("reason", "PodCompleted");
            writer.WriteString("status", status);
            writer.WriteString("type", condition);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("containerStatuses");
        foreach (var c in pod.Spec.Containers ?? [])
        {
            writer.WriteStartObject();
            writer.WriteString("containerID", $"containerd://{Uid(name + c.Name).Replace("-", "", StringComparison.Ordinal)}{Uid(c.Name + name).Replace("-", "", StringComparison.Ordinal)}");
            writer.WriteString("image", workload.Image);
            writer.WriteString("imageID", $"{workload.Image.Split(':')[0]}@sha256:{Uid(workload.Image).Replace("-", "", StringComparison.Ordinal)}{Uid(workload.Image + "#").Replace("-", "", StringComparison.Ordinal)}");
            writer.WriteStartObject("lastState");
            writer.WriteEndObject();
            writer.WriteString("name", c.Name);
            writer.WriteBoolean("ready", !done);
            writer.WriteNumber("restartCount", 0);
            writer.WriteBoolean("started", !done);
            writer.WriteStartObject("state");
            if (done)
            {
                writer.WriteStartObject("terminated");
                writer.WriteString("containerID", "containerd://" + Uid(name).Replace("-", "", StringComparison.Ordinal));
                writer.WriteNumber("exitCode", 0);
                writer.WriteString("finishedAt", "2026-06-01T09:41:12Z");
                writer.WriteString("reason", "Completed");
                writer.WriteString("startedAt", Started);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteStartObject("running");
                writer.WriteString("startedAt", Started);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            writer.WriteStartArray("volumeMounts");
            writer.WriteStartObject();
            writer.WriteString("mountPath", "/var/run/secrets/kubernetes.io/serviceaccount");
            writer.WriteString("name", $"kube-api-access-{name[^5..]}");
            writer.WriteBoolean("readOnly", true);
            writer.WriteBoolean("recursiveReadOnly", false);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteString("hostIP", pod.Node.Ip);
        writer.WriteStartArray("hostIPs");
        writer.WriteStartObject();
        writer.WriteString("ip", pod.Node.Ip);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteString("phase", pod.Phase);
        var podIp = pod.Spec.HostNetwork ? pod.Node.Ip : $"10.{128 + pod.Node.Index / 4000 % 64}.{pod.Node.Index / 16 % 250}.{(pod.Node.Index % 16 * 16 + name.Length + name[^1]) % 250 + 2}";
        writer.WriteString("podIP", podIp);
        writer.WriteStartArray("podIPs");
        writer.WriteStartObject();
        writer.WriteString("ip", podIp);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteString("qosClass", container?.Resources?.Requests?.Count > 0 ? "Burstable" : "BestEffort");
        writer.WriteString("startTime", Started);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>A pod's placement as the API server returns it: affinity, nodeName, nodeSelector, tolerations (with the admission defaults).</summary>
    private static void WritePlacement(Utf8JsonWriter writer, PodSpec spec, string? nodeName)
    {
        if (spec.Affinity is not null)
        {
            writer.WritePropertyName("affinity");
            JsonSerializer.Serialize(writer, spec.Affinity, KubernetesJsonContext.Default.Affinity);
        }
        if (nodeName is not null)
            writer.WriteString("nodeName", nodeName);
        if (spec.NodeSelector is { Count: > 0 } selector)
        {
            writer.WriteStartObject("nodeSelector");
            foreach (var (key, value) in selector)
                writer.WriteString(key, value);
            writer.WriteEndObject();
        }
        var tolerations = new List<Toleration>(spec.Tolerations ?? []);
        if (!tolerations.Any(t => t.Operator == TolerationOperators.Exists && string.IsNullOrEmpty(t.Key)))
        {
            foreach (var key in new[] { "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable" })
                tolerations.Add(new Toleration { Key = key, Operator = TolerationOperators.Exists, Effect = TaintEffects.NoExecute, TolerationSeconds = 300 });
        }
        writer.WritePropertyName("tolerations");
        JsonSerializer.Serialize(writer, tolerations, KubernetesJsonContext.Default.ListToleration);
    }

    private static void WriteContainer(Utf8JsonWriter writer, Workload workload, Container container)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("args");
        writer.WriteStringValue("--config=/etc/config/config.yaml");
        writer.WriteStringValue("--v=2");
        writer.WriteEndArray();
        writer.WriteStartArray("env");
        foreach (var (key, value) in new[] { ("LOG_LEVEL", "info"), ("AWS_REGION", Region), ("AWS_STS_REGIONAL_ENDPOINTS", "regional"), ("GOMAXPROCS", "2") })
        {
            writer.WriteStartObject();
            writer.WriteString("name", key);
            writer.WriteString("value", value);
            writer.WriteEndObject();
        }
        foreach (var (key, path) in new[] { ("POD_NAME", "metadata.name"), ("POD_NAMESPACE", "metadata.namespace"), ("NODE_NAME", "spec.nodeName") })
        {
            writer.WriteStartObject();
            writer.WriteString("name", key);
            writer.WriteStartObject("valueFrom");
            writer.WriteStartObject("fieldRef");
            writer.WriteString("apiVersion", "v1");
            writer.WriteString("fieldPath", path);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteString("image", workload.Image);
        writer.WriteString("imagePullPolicy", "IfNotPresent");
        if (workload.Kind is not ("FlyteWorkflow" or "TaskRun" or "CronJob"))
        {
            foreach (var probe in new[] { "livenessProbe", "readinessProbe" })
            {
                writer.WriteStartObject(probe);
                writer.WriteNumber("failureThreshold", 3);
                writer.WriteStartObject("httpGet");
                writer.WriteString("path", probe == "livenessProbe" ? "/healthz" : "/readyz");
                writer.WriteNumber("port", 8080);
                writer.WriteString("scheme", "HTTP");
                writer.WriteEndObject();
                writer.WriteNumber("periodSeconds", 10);
                writer.WriteNumber("successThreshold", 1);
                writer.WriteNumber("timeoutSeconds", 1);
                writer.WriteEndObject();
            }
        }
        writer.WriteString("name", container.Name);
        writer.WriteStartArray("ports");
        foreach (var (name, port) in new[] { ("http", 8080), ("metrics", 9090) })
        {
            writer.WriteStartObject();
            writer.WriteNumber("containerPort", port);
            writer.WriteString("name", name);
            writer.WriteString("protocol", "TCP");
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartObject("resources");
        foreach (var (section, values) in new[] { ("limits", container.Resources?.Limits), ("requests", container.Resources?.Requests) })
        {
            if (values is not { Count: > 0 })
                continue;
            writer.WriteStartObject(section);
            foreach (var (key, value) in values)
                writer.WriteString(key, value);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        writer.WriteStartObject("securityContext");
        writer.WriteBoolean("allowPrivilegeEscalation", false);
        writer.WriteStartObject("capabilities");
        writer.WriteStartArray("drop");
        writer.WriteStringValue("ALL");
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteBoolean("readOnlyRootFilesystem", true);
        writer.WriteBoolean("runAsNonRoot", true);
        writer.WriteEndObject();
        writer.WriteString("terminationMessagePath", "/dev/termination-log");
        writer.WriteString("terminationMessagePolicy", "File");
        writer.WriteStartArray("volumeMounts");
        writer.WriteStartObject();
        writer.WriteString("mountPath", "/etc/config");
        writer.WriteString("name", "config");
        writer.WriteEndObject();
        writer.WriteStartObject();
        writer.WriteString("mountPath", "/var/run/secrets/kubernetes.io/serviceaccount");
        writer.WriteString("name", "kube-api-access");
        writer.WriteBoolean("readOnly", true);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteController(Utf8JsonWriter writer, Workload workload, string kind, string name, int replicas, string? ownerUid)
    {
        writer.WriteStartObject();
        writer.WriteString("apiVersion", kind is "Job" or "CronJob" ? "batch/v1" : "apps/v1");
        writer.WriteString("kind", kind);
        writer.WriteStartObject("metadata");
        writer.WriteStartObject("annotations");
        if (kind == "Deployment")
            writer.WriteString("deployment.kubernetes.io/revision", "7");
        if (kind == "ReplicaSet")
        {
            writer.WriteString("deployment.kubernetes.io/desired-replicas", replicas.ToString(CultureInfo.InvariantCulture));
            writer.WriteString("deployment.kubernetes.io/max-replicas", (replicas + (replicas + 3) / 4).ToString(CultureInfo.InvariantCulture));
            writer.WriteString("deployment.kubernetes.io/revision", replicas == 0 ? "6" : "7");
        }
        if (workload.Release is not null && kind != "Job")
        {
            writer.WriteString("meta.helm.sh/release-name", workload.Release);
            writer.WriteString("meta.helm.sh/release-namespace", workload.Namespace);
        }
        writer.WriteEndObject();
        writer.WriteString("creationTimestamp", Created);
        writer.WriteNumber("generation", 7);
        writer.WriteStartObject("labels");
        writer.WriteString("app.kubernetes.io/name", workload.Component);
        if (workload.Release is not null)
        {
            writer.WriteString("app.kubernetes.io/instance", workload.Release);
            writer.WriteString("app.kubernetes.io/managed-by", "Helm");
            writer.WriteString("helm.sh/chart", workload.Chart);
        }
        if (kind == "ReplicaSet")
            writer.WriteString("pod-template-hash", name[(name.LastIndexOf('-') + 1)..]);
        writer.WriteEndObject();
        writer.WriteString("name", name);
        writer.WriteString("namespace", workload.Namespace);
        if (ownerUid is not null)
        {
            writer.WriteStartArray("ownerReferences");
            writer.WriteStartObject();
            writer.WriteString("apiVersion", kind == "Job" ? "batch/v1" : "apps/v1");
            writer.WriteBoolean("blockOwnerDeletion", true);
            writer.WriteBoolean("controller", true);
            writer.WriteString("kind", workload.Kind);
            writer.WriteString("name", workload.Name);
            writer.WriteString("uid", ownerUid);
            writer.WriteEndObject();
            writer.WriteEndArray();
        }
        writer.WriteString("resourceVersion", ResourceVersion());
        writer.WriteString("uid", kind == workload.Kind ? workload.Uid : Uid($"{workload.Namespace}/{kind}/{name}"));
        writer.WriteEndObject();

        writer.WriteStartObject("spec");
        if (kind == "CronJob")
        {
            writer.WriteString("concurrencyPolicy", "Forbid");
            writer.WriteNumber("failedJobsHistoryLimit", 1);
            writer.WriteStartObject("jobTemplate");
            writer.WriteStartObject("spec");
            WriteTemplate(writer, workload);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteString("schedule", "*/15 * * * *");
            writer.WriteNumber("successfulJobsHistoryLimit", 3);
            writer.WriteBoolean("suspend", false);
        }
        else
        {
            if (kind is not ("DaemonSet" or "Job"))
                writer.WriteNumber("replicas", replicas);
            if (kind == "Job")
            {
                writer.WriteNumber("backoffLimit", 6);
                writer.WriteNumber("completions", 1);
                writer.WriteNumber("parallelism", 1);
            }
            writer.WriteNumber("revisionHistoryLimit", 10);
            writer.WriteStartObject("selector");
            writer.WriteStartObject("matchLabels");
            writer.WriteString("app.kubernetes.io/name", workload.Component);
            if (workload.Release is not null)
                writer.WriteString("app.kubernetes.io/instance", workload.Release);
            writer.WriteEndObject();
            writer.WriteEndObject();
            if (kind == "StatefulSet")
                writer.WriteString("serviceName", $"{workload.Name}-hl");
            WriteTemplate(writer, workload);
        }
        writer.WriteEndObject();

        writer.WriteStartObject("status");
        if (kind == "DaemonSet")
        {
            writer.WriteNumber("observedGeneration", 7);
        }
        else if (kind == "Job")
        {
            writer.WriteNumber("succeeded", 1);
            writer.WriteString("startTime", Started);
        }
        else if (kind == "CronJob")
        {
            writer.WriteString("lastScheduleTime", "2026-06-01T10:00:00Z");
        }
        else
        {
            writer.WriteNumber("availableReplicas", replicas);
            writer.WriteNumber("observedGeneration", 7);
            writer.WriteNumber("readyReplicas", replicas);
            writer.WriteNumber("replicas", replicas);
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteTemplate(Utf8JsonWriter writer, Workload workload)
    {
        writer.WriteStartObject("template");
        writer.WriteStartObject("metadata");
        writer.WriteStartObject("labels");
        writer.WriteString("app.kubernetes.io/name", workload.Component);
        if (workload.Release is not null)
            writer.WriteString("app.kubernetes.io/instance", workload.Release);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteStartObject("spec");
        WritePlacement(writer, workload.Spec, null);
        writer.WriteStartArray("containers");
        foreach (var container in workload.Spec.Containers ?? [])
            WriteContainer(writer, workload, container);
        writer.WriteEndArray();
        writer.WriteString("restartPolicy", workload.Kind == "CronJob" ? "OnFailure" : "Always");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
