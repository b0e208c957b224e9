using System.Text.Json.Nodes;
using NodePools.Placement.Planning;
using NodePools.Tests.Shared;
using Pulumi;
using NodePools.Placement.Pipeline;

namespace NodePools.Infra.Tests;

/// <summary>
/// What a first `pulumi up` on a fresh account needs, as it reaches the engine for both stacks: the
/// network, the add-ons in their order, the autoscaler and its access, protection where the data is.
/// </summary>
public class FreshAccountTests
{
    public static TheoryData<string> Stacks => ["dev", "prod"];

    private static StackPlan Plan(string stack) => StackPipeline.PlanFromDirectory(StackConfig.RepositoryRoot, stack);

    private const string NodeGroup = "aws:eks/nodeGroup:NodeGroup";
    private const string Addon = "aws:eks/addon:Addon";

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Nodes_run_in_private_subnets_of_discovered_zones_behind_NAT(string stack)
    {
        var (mocks, _) = await RecordingStack.Run(stack);
        var cluster = Plan(stack).Declaration.Cluster;
        // us-east-1a offers no g5 (a pool's type) and us-east-1e is use1-az3, which EKS refuses.
        string[] zones = stack == "dev" ? ["us-east-1b", "us-east-1c"] : ["us-east-1b", "us-east-1c", "us-east-1d"];
        var zoneCall = Assert.Single(mocks.Calls, c => c.Token == "aws:index/getAvailabilityZones:getAvailabilityZones");
        Assert.Contains("use1-az3", ((IEnumerable<object>)zoneCall.Args["excludeZoneIds"]).Cast<string>());

        var subnets = mocks.OfType("aws:ec2/subnet:Subnet").ToList();
        var tags = subnets.ToDictionary(s => s.Name!, s => MockValues.Map(s.Inputs["tags"]));
        Assert.Equal(zones.SelectMany(z => new[] { $"{cluster.Name}-network-private-{z}", $"{cluster.Name}-network-public-{z}" }).Order(), tags.Keys.Order());
        Assert.All(zones, z => Assert.Equal("1", tags[$"{cluster.Name}-network-private-{z}"]["kubernetes.io/role/internal-elb"]));
        Assert.All(zones, z => Assert.Equal("1", tags[$"{cluster.Name}-network-public-{z}"]["kubernetes.io/role/elb"]));
        Assert.All(subnets, s => Assert.False((bool)s.Inputs["mapPublicIpOnLaunch"]));

        var nat = mocks.OfType("aws:ec2/natGateway:NatGateway").ToList();
        Assert.Equal(stack == "dev" ? 1 : 3, nat.Count);
        Assert.Equal(nat.Count, mocks.OfType("aws:ec2/eip:Eip").Count());
        Assert.All(nat, n => Assert.StartsWith($"{cluster.Name}-network-public-", (string)n.Inputs["subnetId"]));
        var privateRoutes = mocks.OfType("aws:ec2/routeTable:RouteTable").Where(r => r.Name!.Contains("-private-")).ToList();
        Assert.Equal(zones.Length, privateRoutes.Count);
        Assert.All(privateRoutes, r => Assert.StartsWith($"{cluster.Name}-network-us-east-1",
            (string)MockValues.Map(((IEnumerable<object>)r.Inputs["routes"]).Single())["natGatewayId"]));

        // The cluster spans both kinds; node groups launch into the private subnets only.
        var eks = mocks.Single("eks:index:Cluster", cluster.Name).Inputs;
        Assert.Equal(zones.Length, ((IEnumerable<object>)eks["privateSubnetIds"]).Count());
        Assert.Equal(zones.Length, ((IEnumerable<object>)eks["publicSubnetIds"]).Count());
        Assert.All(mocks.OfType(NodeGroup), g => Assert.All(((IEnumerable<object>)g.Inputs["subnetIds"]).Cast<string>(),
            id => Assert.StartsWith($"{cluster.Name}-network-private-", id)));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task The_endpoint_is_limited_and_the_add_ons_are_the_stacks_own(string stack)
    {
        var (mocks, _) = await RecordingStack.Run(stack);
        var cluster = Plan(stack).Declaration.Cluster;
        var eks = mocks.Single("eks:index:Cluster", cluster.Name).Inputs;
        Assert.Equal(cluster.PublicAccessCidrs, ((IEnumerable<object>)eks["publicAccessCidrs"]).Cast<string>());
        Assert.True((bool)eks["endpointPrivateAccess"]);
        Assert.Equal(cluster.Version, eks["version"]);
        // pulumi-eks creates none of the three add-ons: the stack does, each in its place.
        Assert.True((bool)eks["useDefaultVpcCni"]);
        Assert.False((bool)MockValues.Map(eks["kubeProxyAddonOptions"])["enabled"]);
        Assert.False((bool)MockValues.Map(eks["corednsAddonOptions"])["enabled"]);

        var addons = mocks.OfType(Addon).ToDictionary(a => (string)a.Inputs["addonName"], a => a.Inputs);
        Assert.Equal(["aws-ebs-csi-driver", "coredns", "eks-pod-identity-agent", "kube-proxy", "vpc-cni"], addons.Keys.Order());
        Assert.All(["vpc-cni", "kube-proxy", "coredns"], name => Assert.Equal("OVERWRITE", addons[name]["resolveConflictsOnCreate"]));
        Assert.Equal($"arn:aws:iam::123456789012:role/{cluster.Name}-addons-vpc-cni", addons["vpc-cni"]["serviceAccountRoleArn"]);
        var trust = JsonNode.Parse((string)mocks.Single("aws:iam/role:Role", $"{cluster.Name}-addons-vpc-cni").Inputs["assumeRolePolicy"])!;
        Assert.Equal("system:serviceaccount:kube-system:aws-node",
            (string?)trust["Statement"]![0]!["Condition"]!["StringEquals"]!["oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:sub"]);

        // The CNI policy is the add-on's role's, not the nodes'.
        var attached = mocks.OfType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").ToList();
        Assert.Equal($"{cluster.Name}-addons-vpc-cni", (string)Assert.Single(attached, a => (string)a.Inputs["policyArn"] == "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy").Inputs["role"]);
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Node_groups_wait_for_the_network_add_ons_and_CoreDNS_for_its_pools(string stack)
    {
        var (mocks, options) = await RecordingStack.Run(stack);
        var cluster = Plan(stack).Declaration.Cluster;
        foreach (var group in mocks.OfType(NodeGroup))
        {
            var after = await RecordingStack.DependsOn(options[(NodeGroup, group.Name!)]);
            Assert.Contains((Addon, $"{cluster.Name}-addons-vpc-cni"), after);
            Assert.Contains((Addon, $"{cluster.Name}-addons-kube-proxy"), after);
            Assert.Contains(("eks:index:Cluster", cluster.Name), after);
        }
        var coreDns = await RecordingStack.DependsOn(options[(Addon, $"{cluster.Name}-dns-coredns")]);
        Assert.Equal([(NodeGroup, "system")], coreDns);
        // Every release resolves names: it waits for CoreDNS.
        foreach (var release in mocks.OfType("kubernetes:helm.sh/v3:Release"))
            Assert.Contains((Addon, $"{cluster.Name}-dns-coredns"), await RecordingStack.DependsOn(options[("kubernetes:helm.sh/v3:Release", release.Name!)]));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task The_EBS_CSI_controller_reaches_the_engine_placed_on_the_system_pool_only(string stack)
    {
        var (mocks, _) = await RecordingStack.Run(stack);
        var plan = Plan(stack);
        var driver = mocks.OfType(Addon).Single(a => (string)a.Inputs["addonName"] == "aws-ebs-csi-driver").Inputs;
        var controller = JsonNode.Parse((string)driver["configurationValues"])!["controller"]!;
        // Read back as the add-on will read it, and evaluated like any release's pod.
        var spec = new NodePools.Placement.Kubernetes.PodSpec
        {
            NodeSelector = controller["nodeSelector"]!.AsObject().ToDictionary(l => l.Key, l => (string)l.Value!),
            Tolerations = controller["tolerations"]!.AsArray().Select(t => new NodePools.Placement.Kubernetes.Toleration { Key = (string?)t!["key"], Operator = (string?)t["operator"] }).ToList(),
        };
        var pod = NodePools.Placement.Scheduling.SchedulingPod.From("kube-system/ebs-csi-controller", "Deployment", spec, NodePools.Placement.Scheduling.SchedulingOptions.Eks);
        Assert.Equal(["system"], NodePools.Placement.Verdicts.PoolVerdicts.Fitting(pod, plan.Pools));
        Assert.Equal([("CriticalAddonsOnly", "Exists")], spec.Tolerations.Select(t => (t.Key, t.Operator)));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Node_groups_follow_the_cluster_version_and_run_the_pinned_AMI_release(string stack)
    {
        var (mocks, _) = await RecordingStack.Run(stack);
        var cluster = Plan(stack).Declaration.Cluster;
        Assert.NotNull(cluster.AmiReleaseVersion);
        Assert.All(mocks.OfType(NodeGroup), group =>
        {
            Assert.Equal(cluster.Version, group.Inputs["version"]);
            Assert.Equal(cluster.AmiReleaseVersion, group.Inputs["releaseVersion"]);
        });
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task The_autoscaler_runs_with_its_own_role_and_owns_the_desired_size_of_pools_that_may_scale(string stack)
    {
        var (mocks, options) = await RecordingStack.Run(stack);
        var plan = Plan(stack);
        var cluster = plan.Declaration.Cluster;

        var association = mocks.Single("aws:eks/podIdentityAssociation:PodIdentityAssociation", $"{cluster.Name}-autoscaler").Inputs;
        Assert.Equal(("kube-system", "cluster-autoscaler", $"arn:aws:iam::123456789012:role/{cluster.Name}-autoscaler"),
            ((string)association["namespace"], (string)association["serviceAccount"], (string)association["roleArn"]));
        var policy = JsonNode.Parse((string)mocks.Single("aws:iam/policy:Policy", $"{cluster.Name}-autoscaler").Inputs["policy"])!;
        Assert.Contains("eks:DescribeNodegroup", policy["Statement"]![0]!["Action"]!.AsArray().Select(a => (string?)a));
        Assert.Equal("owned", (string?)policy["Statement"]![1]!["Condition"]!["StringEquals"]![$"aws:ResourceTag/k8s.io/cluster-autoscaler/{cluster.Name}"]);

        var release = mocks.Single("kubernetes:helm.sh/v3:Release", "cluster-autoscaler").Inputs;
        var values = MockValues.ToJson(release["values"])!;
        Assert.Equal((cluster.Name, "us-east-1", "cluster-autoscaler"),
            ((string?)values["autoDiscovery"]!["clusterName"], (string?)values["awsRegion"], (string?)values["rbac"]!["serviceAccount"]!["name"]));
        Assert.Equal("kube-system", release["namespace"]);
        Assert.Contains(("aws:eks/podIdentityAssociation:PodIdentityAssociation", $"{cluster.Name}-autoscaler"),
            await RecordingStack.DependsOn(options[("kubernetes:helm.sh/v3:Release", "cluster-autoscaler")]));
        // kube-system is Kubernetes' own: never a Namespace of the stack.
        Assert.DoesNotContain(mocks.OfType("kubernetes:core/v1:Namespace"), ns => (string)MockValues.Map(ns.Inputs["metadata"])["name"] == "kube-system");

        foreach (var pool in plan.Pools)
        {
            var ignored = options[(NodeGroup, pool.Name)].IgnoreChanges;
            Assert.Equal(pool.Spec.Scaling.Min < pool.Spec.Scaling.Max, ignored.Contains("scalingConfig.desiredSize"));
        }
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Prod_protects_the_cluster_and_its_stateful_release_and_dev_does_not(string stack)
    {
        var (mocks, options) = await RecordingStack.Run(stack);
        var plan = Plan(stack);
        var prod = stack == "prod";
        var cluster = plan.Declaration.Cluster;
        Assert.Equal(prod, (bool)mocks.Single("eks:index:Cluster", cluster.Name).Inputs["deletionProtection"]);
        Assert.Equal(prod, options[("eks:index:Cluster", cluster.Name)].Protect ?? false);

        var postgres = options[("kubernetes:helm.sh/v3:Release", "postgresql")];
        Assert.Equal(prod, postgres.Protect ?? false);
        Assert.Equal(prod, postgres.RetainOnDelete ?? false);
        Assert.All(plan.Releases.Where(r => r.Name != "postgresql"), r => Assert.False(options[("kubernetes:helm.sh/v3:Release", r.Name)].Protect ?? false));
        // Stateful pools stay protected, and volumes outlive their claims.
        Assert.True(options[(NodeGroup, "data-store")].Protect);
        Assert.All(mocks.OfType("kubernetes:core/v1:Namespace"), ns => Assert.True(options[("kubernetes:core/v1:Namespace", ns.Name!)].RetainOnDelete));
        Assert.Equal("Retain", mocks.Single("kubernetes:storage.k8s.io/v1:StorageClass", $"{cluster.Name}-storage-gp3").Inputs["reclaimPolicy"]);
    }

    [Fact]
    public async Task A_named_zone_without_a_pools_instance_type_stops_the_program_before_any_resource()
    {
        var config = (JsonObject)JsonNode.Parse(StackConfig.FromStackFile("dev"))!;
        var cluster = (JsonObject)config["node-pools:cluster"]!;
        cluster.Remove("zoneCount");
        cluster["availabilityZones"] = new JsonArray("us-east-1a", "us-east-1b");
        StackConfig.Use(config.ToJsonString());
        var mocks = new EchoMocks();
        Assert.Contains("availability zone us-east-1a does not offer g5.xlarge (pool gpu)", await ProgramFailure.MessagesAsync(mocks));
        Assert.Empty(mocks.Registered);
    }
}
