namespace NodePools.Placement.Checks;

/// <summary>
/// The catalogue of rules: every finding the tool reports has its id here, with its stage, its
/// severities and one line of doc. `nodepools rules` prints it and the README's table is this table.
/// Adding a rule is one entry here, its check, and its tests (docs/design.md, "Adding a rule").
/// </summary>
public static class Rules
{
    // The declared slots against every pool.
    public static readonly Rule Pending = new("pending", RuleStage.Declaration, "error",
        "a slot fits no pool: its pods would stay Pending forever, with the scheduler's reasons per pool") { Check = PendingRule.Check };

    public static readonly Rule IsolationBreach = new("isolation-breach", RuleStage.Declaration, "error",
        "a slot that requires a pool also fits another one") { Check = IsolationRule.Breaches };

    public static readonly Rule TaintedPoolReachable = new("tainted-pool-reachable", RuleStage.Declaration, "error",
        "a slot that names no dedicated (tainted) pool can still land on one") { Check = IsolationRule.ReachableTaintedPools };

    public static readonly Rule DaemonSetNotTolerated = new("daemonset-not-tolerated", RuleStage.Declaration, "error",
        "a DaemonSet slot does not tolerate a pool it must run on, with the toleration to add") { Check = DaemonSetRule.Check };

    public static readonly Rule SpreadExceedsMax = new("spread-exceeds-max", RuleStage.Declaration, "error",
        "a slot spread one replica per node has more replicas than its pools can have nodes") { Check = SpreadCapacityRule.AboveMaximum };

    public static readonly Rule SpreadExceedsMin = new("spread-exceeds-min", RuleStage.Declaration, "warning",
        "a slot spread one replica per node has more replicas than its pools' minimum nodes: some wait for a scale-up") { Check = SpreadCapacityRule.AboveMinimum };

    public static readonly Rule GpuRequestWithoutGpu = new("gpu-request-without-gpu", RuleStage.Declaration, "error",
        "a slot requests nvidia.com/gpu but every pool it may run on lacks GPU instances") { Check = GpuRequestRule.Check };

    public static readonly Rule TaintWithoutAffinity = new("taint-without-affinity", RuleStage.Declaration, "warning",
        "a slot only prefers a tainted pool: taints reach a new node after it joins, so it should require the pool") { Check = TaintWithoutAffinityRule.Check };

    public static readonly Rule ProtectedPoolUpdate = new("protected-pool-update", RuleStage.Declaration, "warning",
        "a protected (stateful) pool may take down more than one node at a time in an update") { Check = ProtectedPoolRule.Updates };

    public static readonly Rule ProtectedPoolDrift = new("protected-pool-drift", RuleStage.Declaration, "warning",
        "a protected pool's desired size is reset by each deployment although the autoscaler owns it") { Check = ProtectedPoolRule.Drift };

    public static readonly Rule PoolUntargeted = new("pool-untargeted", RuleStage.Declaration, "info",
        "no slot or acknowledgement names the pool: only workloads outside this stack will use it") { Check = UntargetedPoolRule.Check };

    public static readonly Rule CoreDnsUnhosted = new("coredns-unhosted", RuleStage.Declaration, "error",
        "no pool admits the CoreDNS add-on: it never becomes healthy and no pod resolves a name") { Check = ClusterAddonsRule.Check };

    public static readonly Rule AutoscalerUnhosted = new("autoscaler-unhosted", RuleStage.Declaration, "error",
        "pools may scale and every pool is tainted: the Cluster Autoscaler has nowhere to run; add an untainted pool, name its pool, or turn it off")
        { Check = AutoscalerHomeRule.Check };

    public static readonly Rule AddonPodPlacement = new("addon-pod-placement", RuleStage.Declaration, "error / warning",
        "an EKS add-on's pods (the EBS CSI controller, as the stack configures it) fit no pool (error), or fit a pool whose NoExecute taint evicts them once their tolerationSeconds run out (warning)")
        { Check = AddonPlacementRule.Check };

    public static readonly Rule VersionPastStandardSupport = new("version-past-standard-support", RuleStage.Declaration, "warning",
        "the cluster's Kubernetes version is past EKS standard support (a dated table in placement/Facts/KubernetesVersions.cs): extended support costs more, then EKS upgrades the cluster itself")
        { Check = VersionSupportRule.Check };

    public static readonly Rule WaitsOnEmptyPool = new("waits-on-empty-pool", RuleStage.Declaration, "error",
        "a release waits for pods only a pool created with no nodes could host, and no autoscaler adds one: set skipAwait, a desired size, or let the autoscaler run")
        { Check = EmptyPoolWaitRule.Check };

    public static readonly Rule PoolCapacity = new("pool-capacity", RuleStage.Declaration, "error / warning",
        "what lands on a pool (replicas × requests, with DaemonSets and the EKS add-ons' pods on every node), packed as the Cluster Autoscaler packs it, needs more nodes than the pool may have (error) or more than it starts with (warning: the releases wait for the scale-up); counted from the rendered workloads when the charts were rendered")
        { Check = Checks.PoolCapacity.Check };

    // What the charts render, against every pool.
    public static readonly Rule WorkloadOffPool = new("workload-off-pool", RuleStage.Rendered, "error",
        "a workload can run on a pool it does not belong on (its slot's pools, its acknowledgement's, else its release's intent); the fix names the values path that reaches it, or `nodeSelector: true` where the chart reads only tolerations and nodeSelector there, or the acknowledgement to add")
        { Check = OffPoolWorkloadRule.Check };

    public static readonly Rule WorkloadPending = new("workload-pending", RuleStage.Rendered, "error",
        "a workload fits no pool (affinity, taints or resources), with the scheduler's reasons per pool") { Check = PendingWorkloadRule.Check };

    public static readonly Rule DaemonSetPoolUncovered = new("daemonset-pool-uncovered", RuleStage.Rendered, "error / info",
        "a DaemonSet kept off nodes of its pool by a taint or by resources (error, with the toleration to add); kept off by its own node selection (info: an MPS daemon on MPS-labelled nodes)")
        { Check = DaemonSetCoverageRule.Check };

    public static readonly Rule DaemonSetNarrowed = new("daemonset-narrowed", RuleStage.Rendered, "warning",
        "a DaemonSet the chart runs on every node by itself (rendered without the slots' placement, it fits every pool) that a slot keeps off some pools, with those pools and the intent that keeps them")
        { Check = DaemonSetNarrowedRule.Check };

    public static readonly Rule PlacementOverridden = new("placement-overridden", RuleStage.Rendered, "error",
        "the chart writes a placement key twice (the last, its own, wins) or renders an affinity or tolerations other than what the slot wrote")
        { Check = OverriddenPlacementRule.Check };

    public static readonly Rule SlotUnread = new("slot-unread", RuleStage.Rendered, "warning",
        "no rendered workload reads the slot's values path") { Check = UnreadSlotRule.Check };

    public static readonly Rule NamespaceConflict = new("namespace-conflict", RuleStage.Rendered, "error",
        "the chart renders the Namespace the release creates (the install fails on ownership metadata)") { Check = NamespaceConflictRule.Check };

    public static readonly Rule ValuesRejected = new("values-rejected", RuleStage.Rendered, "error",
        "the chart refuses the values, in helm's words") { Check = RenderFailureRule.Rejected };

    public static readonly Rule AcknowledgementPlaceable = new("acknowledgement-placeable", RuleStage.Rendered, "error",
        "an acknowledged workload a values path can reach: declare the slot instead") { Check = AcknowledgementRule.Placeable };

    public static readonly Rule AcknowledgementUnmatched = new("acknowledgement-unmatched", RuleStage.Rendered, "warning",
        "an acknowledgement naming no rendered workload") { Check = AcknowledgementRule.Unmatched };

    public static readonly Rule PatchUnmatched = new("patch-unmatched", RuleStage.Rendered, "warning / error",
        "a patch that changes nothing the release installs: the chart renders no such object (warning), the patch's path runs through a value that is not a mapping or list (error), or it matches a Helm hook the patch after the release cannot reach or express: a Job or Pod hook, one Helm deletes once run, a null deleting a rendered value (error)")
        { Check = PatchRule.Check };

    public static readonly Rule ChartUnavailable = new("chart-unavailable", RuleStage.Rendered, "warning (error when rendering is required)",
        "the chart could not be had, so that release was not checked") { Check = RenderFailureRule.Unavailable };

    public static readonly Rule RenderUnreadable = new("render-unreadable", RuleStage.Rendered, "warning",
        "an object the chart rendered could not be read, so it was not checked") { Check = RenderFailureRule.Unreadable };

    public static readonly Rule OperatorWorkloadUnmodelled = new("operator-workload-unmodelled", RuleStage.Rendered, "warning",
        "the chart renders a custom resource whose operator makes pods (Strimzi's Kafka, CloudNativePG's Cluster, KubeRay's RayCluster...) that no workload model describes, so their placement is not checked")
        { Check = UnmodelledOperatorRule.Check };

    public static readonly Rule MarkersRefused = new("markers-refused", RuleStage.Rendered, "info",
        "the chart refused the marker values, so which values path reaches which workload is unknown for that release") { Check = RenderFailureRule.MarkersRefused };

    // Two versions of a stack (nodepools diff, the review).
    public static readonly Rule TaintBeforeToleration = new("taint-before-toleration", RuleStage.Review, "error / warning",
        "a pool gains a taint its running slots do not tolerate yet (NoExecute evicts at once: an error): deploy the tolerations first, then the taint");

    public static readonly Rule AffinityBeforeLabel = new("affinity-before-label", RuleStage.Review, "warning",
        "a slot requires labels no node carries yet: its pods stay Pending until the pool has them");

    public static readonly Rule PoolReplacement = new("pool-replacement", RuleStage.Review, "error / warning",
        "a change replaces a node group, terminating every node (an error on a protected pool)");

    public static readonly Rule ProtectedPoolShrink = new("protected-pool-shrink", RuleStage.Review, "error",
        "a protected pool's size is lowered: EKS terminates nodes at once, ignoring PodDisruptionBudgets");

    public static readonly Rule MinAboveDesired = new("min-above-desired", RuleStage.Review, "warning",
        "a minimum raised above the desired size the autoscaler left: raise the desired size first");

    // The running cluster against the declaration (nodepools audit).
    public static readonly Rule NodeDrift = new("node-drift", RuleStage.Audit, "error",
        "a node of a pool lacks one of the pool's labels or taints, has another value or effect, or carries an extra NoSchedule/NoExecute taint");

    public static readonly Rule NodeUnknown = new("node-unknown", RuleStage.Audit, "warning",
        "a node belongs to no declared pool (by its node group name or its labels)");

    public static readonly Rule PodOffPool = new("pod-off-pool", RuleStage.Audit, "error",
        "a release's pod runs on a pool its workload does not belong on (scheduled before a taint, or a toleration or affinity changed since)");

    public static readonly Rule PodPending = new("pod-pending", RuleStage.Audit, "error / warning",
        "an unscheduled pod, with the scheduler's reasons per pool and whether a new node of its pool would take it (an error when none would)");

    public static readonly Rule DaemonSetGap = new("daemonset-gap", RuleStage.Audit, "warning / info",
        "nodes of a pool a DaemonSet belongs on run none of its pods (info when it selects a label no node has yet)");

    public static readonly Rule Stray = new("stray", RuleStage.Audit, "warning",
        "a pod of no release and no add-on runs on a tainted pool, let in by the toleration named");

    public static readonly Rule PoolPressure = new("pool-pressure", RuleStage.Audit, "warning",
        "the requests of a pool's pods exceed 90 % of its nodes' allocatable CPU or memory");

    public static readonly IReadOnlyList<Rule> All =
    [
        Pending, IsolationBreach, TaintedPoolReachable, DaemonSetNotTolerated, SpreadExceedsMax, SpreadExceedsMin, GpuRequestWithoutGpu,
        TaintWithoutAffinity, ProtectedPoolUpdate, ProtectedPoolDrift, PoolUntargeted, CoreDnsUnhosted, AutoscalerUnhosted, AddonPodPlacement, VersionPastStandardSupport, WaitsOnEmptyPool, PoolCapacity,
        WorkloadOffPool, WorkloadPending, DaemonSetPoolUncovered, DaemonSetNarrowed, PlacementOverridden, SlotUnread, NamespaceConflict, ValuesRejected,
        AcknowledgementPlaceable, AcknowledgementUnmatched, PatchUnmatched, ChartUnavailable, RenderUnreadable, OperatorWorkloadUnmodelled, MarkersRefused,
        TaintBeforeToleration, AffinityBeforeLabel, PoolReplacement, ProtectedPoolShrink, MinAboveDesired,
        NodeDrift, NodeUnknown, PodOffPool, PodPending, DaemonSetGap, Stray, PoolPressure,
    ];

    public static Rule? Find(string id) => All.FirstOrDefault(rule => rule.Id == id);
}
