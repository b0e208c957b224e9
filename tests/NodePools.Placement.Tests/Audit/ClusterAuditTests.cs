using System.Text.Json.Nodes;
using NodePools.Placement.Audit;
using NodePools.Placement.Checks;
using NodePools.Placement.Pipeline;
using NodePools.Placement.Planning;
using NodePools.Tests.Shared;

namespace NodePools.Placement.Tests.Audit;

public sealed class ClusterAuditTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("nodepools-audit-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static StackPlan Plan(string stack) => StackPipeline.PlanFromDirectory(Repository.Root, stack);

    private AuditResult Audit(StackPlan plan, JsonObject snapshot) =>
        ClusterAudit.Run(plan, null, SnapshotReader.Read([StackSnapshots.Write(snapshot, _directory)]));

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void A_bundled_stack_deployed_as_declared_audits_clean(string stack)
    {
        var plan = Plan(stack);
        var result = Audit(plan, StackSnapshots.Build(plan));
        Assert.True(result.Findings.Count == 0, Describe(result));
        Assert.Equal(0, result.Mapping.Unmatched);
        Assert.True(result.Mapping.HelmLabels > 0 && result.Mapping.Addons > 0, $"{result.Mapping}");
        Assert.All(result.Pools, pool => Assert.Equal(pool.Nodes, pool.Ready));
    }

    public static TheoryData<string, string, string> Drifts => new()
    {
        { "a taint added by hand", "node-drift", "carries taint maintenance=true:NoSchedule" },
        { "a pool label removed", "node-drift", "lacks the pool's label union.ai/node-role=services" },
        { "a pool taint with another effect", "node-drift", "the pool declares union.ai/node-role=worker:NoSchedule" },
        { "a node of no pool", "node-unknown", "legacy-20240101" },
        { "a pod bound off its pool", "pod-off-pool", "runs on pool worker" },
        { "a pending pod", "pod-pending", "1 pod Pending" },
        { "a DaemonSet missing a node", "daemonset-gap", "runs none of its pods" },
        { "a stray on a tainted pool", "stray", "tolerating union.ai/node-role=worker:NoSchedule through {operator: Exists}" },
        { "a full pool", "pool-pressure", "pool system" },
    };

    [Theory]
    [MemberData(nameof(Drifts))]
    public void Each_planted_drift_is_reported_exactly_once_with_its_rule(string drift, string rule, string words)
    {
        var plan = Plan("dev");
        var snapshot = StackSnapshots.Build(plan);
        Plant(drift, snapshot, plan);

        var result = Audit(plan, snapshot);

        Assert.True(result.Findings.Count == 1, Describe(result));
        var finding = result.Findings[0].Finding;
        Assert.Equal(rule, finding.Rule);
        Assert.Contains(words, finding.Subject + " " + finding.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(finding.Fix));
    }

    private static string Describe(AuditResult result) =>
        string.Join("\n", result.Findings.Select(f => $"{f.Finding.Rule} {f.Finding.Subject}: {f.Finding.Message}"));

    private static void Plant(string drift, JsonObject snapshot, StackPlan plan)
    {
        JsonObject NodeOf(string pool) => StackSnapshots.Items(snapshot, "Node").First(node => ((string?)node["metadata"]!["labels"]!["eks.amazonaws.com/nodegroup"])!.StartsWith(pool + "-", StringComparison.Ordinal));
        string NameOf(JsonObject item) => (string)item["metadata"]!["name"]!;
        switch (drift)
        {
            case "a taint added by hand":
                NodeOf("services")["spec"]!["taints"]!.AsArray().Add(new JsonObject { ["key"] = "maintenance", ["value"] = "true", ["effect"] = "NoSchedule" });
                break;
            case "a pool label removed":
                NodeOf("services")["metadata"]!["labels"]!.AsObject().Remove("union.ai/node-role");
                break;
            case "a pool taint with another effect":
                NodeOf("worker")["spec"]!["taints"]![0]!["effect"] = "PreferNoSchedule";
                break;
            case "a node of no pool":
                var legacy = NodeOf("system").DeepClone().AsObject();
                legacy["metadata"]!["name"] = "ip-10-9-0-0.ec2.internal";
                legacy["metadata"]!["labels"] = new JsonObject { ["eks.amazonaws.com/nodegroup"] = "legacy-20240101000000000000000001" };
                snapshot["items"]!.AsArray().Add(legacy);
                break;
            case "a pod bound off its pool":
                // A pod of a dispatch workload (Argo CD), bound to a worker node (as if scheduled before the worker taint).
                var dispatchNodes = StackSnapshots.Items(snapshot, "Node").Where(node => ((string?)node["metadata"]!["labels"]!["dispatch"]) == "true").Select(NameOf).ToHashSet();
                var pod = StackSnapshots.Items(snapshot, "Pod").First(p => dispatchNodes.Contains((string?)p["spec"]!["nodeName"] ?? "")
                                                                             && p["metadata"]!["ownerReferences"]![0]!["kind"]!.ToString() == "ReplicaSet"
                                                                             && p["metadata"]!["namespace"]!.ToString() != "kube-system");
                pod["spec"]!["nodeName"] = NameOf(NodeOf("worker"));
                break;
            case "a pending pod":
                var pending = StackSnapshots.Items(snapshot, "Pod").First(p => p["metadata"]!["ownerReferences"]![0]!["kind"]!.ToString() == "ReplicaSet"
                                                                                 && p["metadata"]!["namespace"]!.ToString() != "kube-system").DeepClone().AsObject();
                pending["metadata"]!["name"] = "huge-0";
                pending["spec"]!.AsObject().Remove("nodeName");
                pending["spec"]!["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = "1000" } } });
                pending["status"] = new JsonObject { ["phase"] = "Pending" };
                snapshot["items"]!.AsArray().Add(pending);
                break;
            case "a DaemonSet missing a node":
                var agent = StackSnapshots.Items(snapshot, "Pod").First(p => p["metadata"]!["ownerReferences"]![0]!["name"]!.ToString() == "kube-proxy");
                snapshot["items"]!.AsArray().Remove(agent);
                break;
            case "a stray on a tainted pool":
                var stray = StackSnapshots.Pod("monitoring", "agent-x", "DaemonSet", "node-agent",
                    new Placement.Kubernetes.PodSpec { Tolerations = [new Placement.Kubernetes.Toleration { Operator = "Exists" }] }, NameOf(NodeOf("worker")));
                snapshot["items"]!.AsArray().Add(stray);
                break;
            case "a full pool":
                var system = NodeOf("system");
                var cpu = Placement.Kubernetes.Quantity.TryParse((string)system["status"]!["allocatable"]!["cpu"]!, out var cores) ? cores : 0;
                var filler = StackSnapshots.Pod("batch", "filler", "Job", "filler",
                    new Placement.Kubernetes.PodSpec { Containers = [new Placement.Kubernetes.Container { Name = "main", Resources = new Placement.Kubernetes.ResourceRequirements { Requests = new() { ["cpu"] = $"{(int)(cpu * 950)}m" } } }] },
                    NameOf(system));
                snapshot["items"]!.AsArray().Add(filler);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(drift), drift, null);
        }
    }

    [Fact]
    public void A_pod_off_its_pool_says_whether_its_placement_still_admits_the_pool()
    {
        var plan = Plan("dev");
        var snapshot = StackSnapshots.Build(plan);
        Plant("a pod bound off its pool", snapshot, plan);
        var finding = Assert.Single(Audit(plan, snapshot).Findings).Finding;
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Contains("no longer admits pool worker", finding.Message, StringComparison.Ordinal);
        Assert.Contains("kubectl rollout restart", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pending_pod_no_new_node_would_take_is_an_error_and_one_at_the_pool_maximum_names_the_maximum()
    {
        var plan = Plan("dev");
        var snapshot = StackSnapshots.Build(plan);
        Plant("a pending pod", snapshot, plan);
        var huge = Assert.Single(Audit(plan, snapshot).Findings).Finding;
        Assert.Equal(Severity.Error, huge.Severity);
        Assert.Contains("a new node would not (Insufficient cpu)", huge.Message, StringComparison.Ordinal);

        // A small pod on a full system pool at its maximum: a new node would take it, if the pool could grow.
        var system = plan.Pool("system");
        var nodes = StackSnapshots.Items(snapshot, "Node").Where(node => ((string)node["metadata"]!["labels"]!["eks.amazonaws.com/nodegroup"]!).StartsWith("system-", StringComparison.Ordinal)).ToList();
        for (var i = nodes.Count; i < system.Spec.Scaling.Max; i++)
        {
            var copy = nodes[0].DeepClone().AsObject();
            copy["metadata"]!["name"] = $"system-extra-{i}";
            snapshot["items"]!.AsArray().Add(copy);
        }
        snapshot["items"]!.AsArray().Remove(StackSnapshots.Item(snapshot, "Pod", "huge-0"));
        var waiting = StackSnapshots.Pod("batch", "waiting", "Job", "waiting",
            new Placement.Kubernetes.PodSpec { Containers = [new Placement.Kubernetes.Container { Name = "main", Resources = new Placement.Kubernetes.ResourceRequirements { Requests = new() { ["cpu"] = "100m" } } }] }, null);
        snapshot["items"]!.AsArray().Add(waiting);
        foreach (var node in StackSnapshots.Items(snapshot, "Node").Where(node => ((string)node["metadata"]!["name"]!).StartsWith("system-extra", StringComparison.Ordinal) || node == nodes[0]).ToList())
            node["spec"]!["unschedulable"] = true; // every system node cordoned: only a new node would take it
        var findings = Audit(plan, snapshot).Findings.Where(f => f.Finding.Rule == Rules.PodPending.Id).ToList();
        var finding = Assert.Single(findings).Finding;
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains($"the pool is at its maximum ({system.Spec.Scaling.Max} of {system.Spec.Scaling.Max})", finding.Message, StringComparison.Ordinal);
        Assert.Contains("raise scaling.max of pool system", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_DaemonSet_pod_pending_for_its_node_is_reported_pending_not_as_a_gap()
    {
        var plan = Plan("dev");
        var snapshot = StackSnapshots.Build(plan);
        var agent = StackSnapshots.Items(snapshot, "Pod").First(p => p["metadata"]!["ownerReferences"]![0]!["name"]!.ToString() == "kube-proxy");
        var node = (string)agent["spec"]!["nodeName"]!;
        agent["spec"]!.AsObject().Remove("nodeName");
        agent["spec"]!["affinity"] = JsonNode.Parse("""{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchFields":[{"key":"metadata.name","operator":"In","values":["NODE"]}]}]}}}""".Replace("NODE", node, StringComparison.Ordinal));
        agent["status"] = new JsonObject { ["phase"] = "Pending" };

        var result = Audit(plan, snapshot);
        Assert.True(result.Findings.Count == 1, Describe(result));
        Assert.Equal("pod-pending", result.Findings[0].Finding.Rule);
    }

    [Fact]
    public void The_summary_counts_each_pools_nodes_pods_and_requests()
    {
        var plan = Plan("dev");
        var snapshot = StackSnapshots.Build(plan);
        NodeCordon(snapshot, plan);
        var result = Audit(plan, snapshot);
        var services = result.Pools.Single(pool => pool.Pool == "services");
        Assert.Equal(plan.Pool("services").Spec.Scaling.Desired, services.Nodes);
        Assert.Equal(1, services.Cordoned);
        var podsOnServices = StackSnapshots.Items(snapshot, "Pod").Count(pod => ((string?)pod["spec"]!["nodeName"])?.StartsWith("ip-10-1-", StringComparison.Ordinal) == true);
        Assert.Equal(podsOnServices, services.Pods);
        Assert.True(services.CpuAllocatable > services.CpuRequested && services.CpuRequested > 0);
    }

    private static void NodeCordon(JsonObject snapshot, StackPlan plan) =>
        StackSnapshots.Items(snapshot, "Node").First(node => (string)node["metadata"]!["name"]! == $"ip-10-{plan.Pools.ToList().FindIndex(p => p.Name == "services")}-0-0.ec2.internal")["spec"]!["unschedulable"] = true;
}
