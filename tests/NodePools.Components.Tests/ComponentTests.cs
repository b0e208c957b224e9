using System.Collections.Immutable;
using System.Text.Json.Nodes;
using NodePools.Components;
using NodePools.Placement.Deployment;
using NodePools.Placement.Planning;
using NodePools.Tests.Shared;
using Pulumi;
using Pulumi.Testing;
using Pulumi.Utilities;
using NodePools.Placement.Patching;
using NodePools.Placement.Pipeline;

namespace NodePools.Components.Tests;

/// <summary>Each component under Pulumi mocks: what it registers is exactly what the plan says.</summary>
public class ComponentTests
{
    private static readonly StackPlan Dev = StackPipeline.PlanFromDirectory(StackConfig.RepositoryRoot, "dev");

    private static readonly TestOptions Options = new() { IsPreview = false, ProjectName = "node-pools", StackName = "dev" };

    private static async Task<EchoMocks> Deploy(Action build)
    {
        var mocks = new EchoMocks();
        await Deployment.TestAsync(mocks, Options, build);
        return mocks;
    }

    /// <summary>One pool of the dev stack as a NodePool, on its own.</summary>
    private static Task<EchoMocks> DeployPool(string pool) => Deploy(() => _ = new NodePool(pool, new NodePoolArgs
    {
        Settings = NodeGroupSettings.For(Dev.Pool(pool), Dev.Declaration),
        ClusterName = "nodepools-dev",
        NodeRoleArn = "arn:aws:iam::123456789012:role/nodes",
        SubnetIds = new[] { "subnet-a", "subnet-b" },
    }));

    [Fact]
    public async Task A_node_pool_registers_its_labels_and_taints_in_the_EKS_spelling()
    {
        var mocks = await DeployPool("gpu");

        var nodeGroup = mocks.Single("aws:eks/nodeGroup:NodeGroup", "gpu").Inputs;
        Assert.Equal("""{"gpu":"true","k8s.amazonaws.com/accelerator":"nvidia-a10g"}""", Normalized(MockValues.ToJson(nodeGroup["labels"])));
        Assert.Equal("""[{"effect":"NO_SCHEDULE","key":"workload","value":"high-resource"}]""",
            Normalized(MockValues.ToJson(nodeGroup["taints"])));
        Assert.Equal("AL2023_x86_64_NVIDIA", nodeGroup["amiType"]);
        Assert.Equal("nodepools-dev", nodeGroup["clusterName"]);
        Assert.Equal("gpu-", nodeGroup["nodeGroupNamePrefix"]);
        var scaling = MockValues.Map(nodeGroup["scalingConfig"]);
        Assert.Equal((0d, 0d, 2d), ((double)scaling["minSize"], (double)scaling["desiredSize"], (double)scaling["maxSize"]));
        Assert.Equal(new[] { "g5.xlarge" }, ((IEnumerable<object>)nodeGroup["instanceTypes"]).Cast<string>());
        Assert.Equal("SPOT", nodeGroup["capacityType"]);
    }

    [Fact]
    public async Task Tags_reach_instances_and_volumes_and_the_autoscalers_template_reaches_the_Auto_Scaling_group()
    {
        var mocks = await DeployPool("gpu");

        var specifications = ((IEnumerable<object>)mocks.Single("aws:ec2/launchTemplate:LaunchTemplate", "gpu").Inputs["tagSpecifications"]).Select(MockValues.Map).ToList();
        Assert.Equal(["instance", "volume"], specifications.Select(s => (string)s["resourceType"]));
        Assert.All(specifications, s => Assert.Equal(("nodepools-dev-gpu", "gpu"), ((string)MockValues.Map(s["tags"])["Name"], (string)MockValues.Map(s["tags"])["node-pools/pool"])));

        var tag = mocks.OfType("aws:autoscaling/tag:Tag").Single();
        Assert.Equal("eks-gpu-asg", tag.Inputs["autoscalingGroupName"]);
        var details = MockValues.Map(tag.Inputs["tag"]);
        Assert.Equal(("k8s.io/cluster-autoscaler/node-template/resources/ephemeral-storage", $"{(long)(100 * 1024 * 0.9) - 1024}Mi", false),
            ((string)details["key"], (string)details["value"], (bool)details["propagateAtLaunch"]));
    }

    [Fact]
    public async Task The_launch_template_requires_IMDSv2_with_hop_limit_1_and_carries_no_user_data()
    {
        var mocks = await DeployPool("data-store");

        var template = mocks.Single("aws:ec2/launchTemplate:LaunchTemplate", "data-store").Inputs;
        var metadata = MockValues.Map(template["metadataOptions"]);
        Assert.Equal("required", metadata["httpTokens"]);
        Assert.Equal(1d, (double)metadata["httpPutResponseHopLimit"]);
        Assert.False(template.ContainsKey("userData"));
        var disk = MockValues.Map(MockValues.Map(((IEnumerable<object>)template["blockDeviceMappings"]).Single())["ebs"]);
        Assert.Equal((100d, "gp3", "true"), ((double)disk["volumeSize"], (string)disk["volumeType"], (string)disk["encrypted"]));

        var nodeGroup = mocks.Single("aws:eks/nodeGroup:NodeGroup", "data-store").Inputs;
        var launchTemplate = MockValues.Map(nodeGroup["launchTemplate"]);
        Assert.Equal("data-store-id", launchTemplate["id"]);
        Assert.Equal("1", launchTemplate["version"]);
        Assert.Equal(1d, (double)MockValues.Map(nodeGroup["updateConfig"])["maxUnavailable"]);
    }

    [Fact]
    public void Protected_pools_are_protected_and_ignore_desired_size_drift()
    {
        var store = NodePool.NodeGroupOptions(NodeGroupSettings.For(Dev.Pool("data-store"), Dev.Declaration), parent: null!, []);
        Assert.True(store.Protect);
        Assert.Contains("scalingConfig.desiredSize", store.IgnoreChanges);

        var services = NodePool.NodeGroupOptions(NodeGroupSettings.For(Dev.Pool("services"), Dev.Declaration), parent: null!, []);
        Assert.False(services.Protect);
        Assert.Contains("scalingConfig.desiredSize", services.IgnoreChanges);
    }

    [Fact]
    public async Task The_node_role_has_the_worker_node_and_ECR_read_only_policies_and_nothing_else()
    {
        var mocks = await Deploy(() => _ = new NodeRole("nodes"));
        var attached = mocks.OfType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").Select(r => ((string)r.Inputs["role"], (string)r.Inputs["policyArn"])).Order().ToList();
        // Written out, not read from the list the component loops over: the CNI policy belongs to the VPC CNI's own role.
        Assert.Equal(
            [("nodes", "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"), ("nodes", "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy")],
            attached);
        var trust = JsonNode.Parse((string)mocks.Single("aws:iam/role:Role", "nodes").Inputs["assumeRolePolicy"])!["Statement"]![0]!;
        Assert.Equal(("ec2.amazonaws.com", "sts:AssumeRole"), ((string?)trust["Principal"]!["Service"], (string?)trust["Action"]));
    }

    [Fact]
    public async Task A_placed_release_carries_the_user_values_merged_with_the_derived_placement()
    {
        var plan = Dev.Releases.Single(r => r.Name == "union");
        var mocks = await Deploy(() =>
        {
            var provider = new Pulumi.Kubernetes.Provider("k8s", new Pulumi.Kubernetes.ProviderArgs { KubeConfig = EchoMocks.Kubeconfig });
            _ = new PlacedRelease("union", new PlacedReleaseArgs { Plan = plan, Provider = provider, TargetNodeGroups = [] });
        });

        var release = mocks.Single("kubernetes:helm.sh/v3:Release", "union");
        Assert.True(JsonNode.DeepEquals(plan.Values, MockValues.ToJson(release.Inputs["values"])),
            $"values differ:\n{plan.Values.ToJsonString()}\n{MockValues.ToJson(release.Inputs["values"])!.ToJsonString()}");
        Assert.Equal("dataplane", release.Inputs["chart"]);
        Assert.Equal("https://unionai.github.io/helm-charts", MockValues.Map(release.Inputs["repositoryOpts"])["repo"]);
        Assert.False((bool)release.Inputs["createNamespace"]); // ClusterNamespaces owns it
        Assert.Equal("union", release.Inputs["namespace"]);
        Assert.Contains("k8s", release.Provider!);
    }

    [Fact]
    public async Task A_release_with_patches_names_its_post_renderer_whose_files_hold_the_plans_patches()
    {
        var config = StackConfig.WithPatches("dev", "tekton-pipeline",
            """[{"target": {"kind": "Deployment", "name": "tekton-events-controller"}, "intent": {"pool": "dispatch"}}]""");
        var plan = StackPipeline.PlanFromConfig("node-pools", "dev", StackConfig.Lookup(config), "us-east-1");
        var (patched, plain) = (plan.Releases.Single(r => r.Name == "tekton-pipeline"), plan.Releases.Single(r => r.Name == "argo-cd"));
        var root = Directory.CreateTempSubdirectory("nodepools-components-").FullName;
        var postRenderer = PostRenderer.For(patched)!;

        var mocks = await Deploy(() =>
        {
            var provider = new Pulumi.Kubernetes.Provider("k8s", new Pulumi.Kubernetes.ProviderArgs { KubeConfig = EchoMocks.Kubeconfig });
            _ = new PlacedRelease(patched.Name, new PlacedReleaseArgs
            {
                Plan = patched,
                Provider = provider,
                TargetNodeGroups = [],
                PostRenderer = PostRendererFiles.Write(postRenderer, root),
            });
            _ = new PlacedRelease(plain.Name, new PlacedReleaseArgs { Plan = plain, Provider = provider, TargetNodeGroups = [] });
        });

        Assert.Equal(postRenderer.ScriptPath, mocks.Single("kubernetes:helm.sh/v3:Release", "tekton-pipeline").Inputs["postrender"]);
        Assert.False(mocks.Single("kubernetes:helm.sh/v3:Release", "argo-cd").Inputs.ContainsKey("postrender"));
        Assert.Equal(postRenderer.Script, File.ReadAllText(Path.Combine(root, postRenderer.ScriptPath)));
        var (release, releaseNamespace, patches) = PatchFile.Read(Path.Combine(root, postRenderer.PatchesPath));
        Assert.Equal(("tekton-pipeline", "tekton-pipelines"), (release, releaseNamespace));
        Assert.Equal(patched.Patches, patches);
        Assert.Contains("tolerations", patches.Single().Merge.Select(pair => pair.Key));
        if (!OperatingSystem.IsWindows())
            Assert.True(File.GetUnixFileMode(Path.Combine(root, postRenderer.ScriptPath)).HasFlag(UnixFileMode.UserExecute));
    }

    [Fact]
    public void Writing_a_post_renderer_again_keeps_the_files_and_their_path()
    {
        var config = StackConfig.WithPatches("dev", "tekton-pipeline", """[{"target": {"kind": "Deployment", "name": "x"}, "patch": {"spec": {"replicas": 1}}}]""");
        var release = StackPipeline.PlanFromConfig("node-pools", "dev", StackConfig.Lookup(config), "us-east-1").Releases.Single(r => r.Name == "tekton-pipeline");
        var root = Directory.CreateTempSubdirectory("nodepools-components-").FullName;
        var postRenderer = PostRenderer.For(release)!;

        var first = PostRendererFiles.Write(postRenderer, root);
        var written = File.GetLastWriteTimeUtc(Path.Combine(root, postRenderer.ScriptPath));
        var second = PostRendererFiles.Write(postRenderer, root);

        Assert.Equal(first, second);
        Assert.Equal(written, File.GetLastWriteTimeUtc(Path.Combine(root, postRenderer.ScriptPath)));
        Assert.Equal([postRenderer.Name + ".json", postRenderer.Name + ".sh"],
            Directory.GetFiles(Path.Combine(root, PostRenderer.Directory)).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Values_with_secret_values_reach_the_engine_as_a_secret_and_others_in_the_clear()
    {
        var registered = new System.Collections.Concurrent.ConcurrentDictionary<string, Output<ImmutableDictionary<string, object>>>();
        await Deploy(() =>
        {
            var provider = new Pulumi.Kubernetes.Provider("k8s", new Pulumi.Kubernetes.ProviderArgs { KubeConfig = EchoMocks.Kubeconfig });
            // Transformations see each resource's arguments as they are registered with the engine.
            var probe = new Probe(new ComponentResourceOptions
            {
                ResourceTransformations =
                {
                    args =>
                    {
                        if (args.Args is Pulumi.Kubernetes.Types.Inputs.Helm.V3.ReleaseArgs release)
                            registered[args.Resource.GetResourceName()] = release.Values.ToOutput();
                        return null;
                    },
                },
            });
            foreach (var name in new[] { "union", "argo-cd" })
            {
                _ = new PlacedRelease(name, new PlacedReleaseArgs { Plan = Dev.Releases.Single(r => r.Name == name), Provider = provider, TargetNodeGroups = [] },
                    new ComponentResourceOptions { Parent = probe });
            }
        });

        Assert.NotEmpty(Dev.Releases.Single(r => r.Name == "union").Spec.SecretValues);
        Assert.True(await Output.IsSecretAsync(registered["union"]));
        Assert.Empty(Dev.Releases.Single(r => r.Name == "argo-cd").Spec.SecretValues);
        Assert.False(await Output.IsSecretAsync(registered["argo-cd"]));
    }

    [Fact]
    public async Task Declared_principals_but_the_creator_get_an_access_entry_and_their_access_policy_cluster_wide()
    {
        var mocks = await Deploy(() =>
        {
            var cluster = new ClusterComponent("c", Dev.Declaration.Cluster with { Name = "c" }, new ClusterComponentArgs { Zones = ["us-east-1b", "us-east-1c"], Creator = MockAccount.DeployRole });
            _ = new ClusterAccess("c-access", new ClusterAccessArgs
            {
                ClusterName = "c",
                Cluster = cluster.EksCluster,
                Plan = AccessEntryPlan.For(
                    [new(MockAccount.DeployRole, "admin"), new("arn:aws:iam::123456789012:role/preview", "view"), new("arn:aws:iam::123456789012:role/people", "admin")],
                    creator: MockAccount.DeployRole),
            });
        });
        // The creator (the deploy role) holds EKS's own entry: the stack makes the others', named by their place in the list.
        var entries = mocks.OfType("aws:eks/accessEntry:AccessEntry").Select(r => (r.Name, (string)r.Inputs["principalArn"], (string)r.Inputs["type"])).Order().ToList();
        Assert.Equal([("c-access-1", "arn:aws:iam::123456789012:role/preview", "STANDARD"), ("c-access-2", "arn:aws:iam::123456789012:role/people", "STANDARD")], entries);
        var policies = mocks.OfType("aws:eks/accessPolicyAssociation:AccessPolicyAssociation")
            .Select(r => ((string)r.Inputs["principalArn"], (string)r.Inputs["policyArn"], (string)MockValues.Map(r.Inputs["accessScope"])["type"])).Order().ToList();
        Assert.Equal(
            [("arn:aws:iam::123456789012:role/people", "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", "cluster"),
             ("arn:aws:iam::123456789012:role/preview", "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy", "cluster")],
            policies);
        var tags = MockValues.Map(mocks.Single("eks:index:Cluster", "c").Inputs["clusterTags"]);
        Assert.Equal(MockAccount.DeployRole, tags[AccessEntryPlan.CreatorTag]);
    }

    [Fact]
    public async Task Volumes_bind_through_the_EBS_CSI_add_on_with_its_own_role_and_a_default_encrypted_gp3_class()
    {
        var mocks = await Deploy(() =>
        {
            var provider = new Pulumi.Kubernetes.Provider("k8s", new Pulumi.Kubernetes.ProviderArgs { KubeConfig = EchoMocks.Kubeconfig });
            _ = new ClusterStorage("c-storage", new ClusterStorageArgs
            {
                ClusterName = "c", Provider = provider, DependsOn = [],
                PodIdentityTrustPolicy = StorageSettings.PodIdentityTrustPolicy("123456789012", "arn:aws:eks:us-east-1:123456789012:cluster/c"),
            });
        });
        var addons = mocks.OfType("aws:eks/addon:Addon").ToDictionary(r => (string)r.Inputs["addonName"]);
        Assert.Equal(["aws-ebs-csi-driver", "eks-pod-identity-agent"], addons.Keys.Order());
        var association = MockValues.Map(((IEnumerable<object>)addons["aws-ebs-csi-driver"].Inputs["podIdentityAssociations"]).Single());
        Assert.Equal("ebs-csi-controller-sa", association["serviceAccount"]);
        Assert.Equal("arn:aws:iam::123456789012:role/c-storage-ebs-csi", association["roleArn"]);
        Assert.Contains("pods.eks.amazonaws.com", (string)mocks.Single("aws:iam/role:Role", "c-storage-ebs-csi").Inputs["assumeRolePolicy"]);
        Assert.Equal("arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy",
            mocks.Single("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "c-storage-ebs-csi-policy").Inputs["policyArn"]);

        var storageClass = mocks.Single("kubernetes:storage.k8s.io/v1:StorageClass", "c-storage-gp3").Inputs;
        Assert.Equal("true", MockValues.Map(MockValues.Map(storageClass["metadata"])["annotations"])["storageclass.kubernetes.io/is-default-class"]);
        Assert.Equal("ebs.csi.aws.com", storageClass["provisioner"]);
        var parameters = MockValues.Map(storageClass["parameters"]);
        Assert.Equal(("gp3", "true"), ((string)parameters["type"], (string)parameters["encrypted"]));
        Assert.Equal(("WaitForFirstConsumer", "Retain"), ((string)storageClass["volumeBindingMode"], (string)storageClass["reclaimPolicy"]));
    }

    private sealed class Probe(ComponentResourceOptions options) : ComponentResource("test:index:Probe", "probe", options);

    [Fact]
    public async Task An_OCI_chart_is_referenced_by_URL_without_a_repository()
    {
        var plan = Dev.Releases.Single(r => r.Name == "postgresql");
        var mocks = await Deploy(() =>
        {
            var provider = new Pulumi.Kubernetes.Provider("k8s", new Pulumi.Kubernetes.ProviderArgs { KubeConfig = EchoMocks.Kubeconfig });
            _ = new PlacedRelease("postgresql", new PlacedReleaseArgs { Plan = plan, Provider = provider, TargetNodeGroups = [] });
        });
        var release = mocks.Single("kubernetes:helm.sh/v3:Release", "postgresql").Inputs;
        Assert.Equal("oci://registry-1.docker.io/bitnamicharts/postgresql", release["chart"]);
        Assert.False(release.ContainsKey("repositoryOpts"));
    }

    [Fact]
    public async Task A_release_reaches_the_engine_on_the_cluster_provider_after_every_node_group_it_targets()
    {
        var captured = new System.Collections.Concurrent.ConcurrentDictionary<string, CustomResourceOptions>();
        var mocks = await Deploy(() =>
        {
            var provider = new Pulumi.Kubernetes.Provider("k8s", new Pulumi.Kubernetes.ProviderArgs { KubeConfig = EchoMocks.Kubeconfig });
            var probe = new Probe(new ComponentResourceOptions
            {
                ResourceTransformations =
                {
                    args =>
                    {
                        if (args.Resource is Pulumi.Kubernetes.Helm.V3.Release && args.Options is CustomResourceOptions options)
                            captured[args.Resource.GetResourceName()] = options;
                        return null;
                    },
                },
            });
            Pulumi.Aws.Eks.NodeGroup Group(string name) => new(name, new Pulumi.Aws.Eks.NodeGroupArgs
            {
                ClusterName = "c",
                NodeRoleArn = "r",
                SubnetIds = new[] { "s" },
                ScalingConfig = new Pulumi.Aws.Eks.Inputs.NodeGroupScalingConfigArgs { MinSize = 1, DesiredSize = 1, MaxSize = 1 },
            });
            _ = new PlacedRelease("union", new PlacedReleaseArgs
            {
                Plan = Dev.Releases.Single(r => r.Name == "union"), Provider = provider, TargetNodeGroups = [Group("services"), Group("worker")],
            }, new ComponentResourceOptions { Parent = probe });
        });

        var options = captured["union"];
        var dependsOn = await OutputUtilities.GetValueAsync(((Input<ImmutableArray<Resource>>)options.DependsOn).ToOutput());
        Assert.Equal(["services", "worker"], dependsOn.Select(r => r.GetResourceName()).Order());
        // The provider reference the engine received is the cluster provider's.
        Assert.EndsWith("pulumi:providers:kubernetes::k8s::k8s-id", mocks.Single("kubernetes:helm.sh/v3:Release", "union").Provider);
    }

    [Fact]
    public async Task A_pod_template_config_map_holds_the_derived_template_under_its_key()
    {
        var plan = Dev.PodTemplates.Single();
        var mocks = await Deploy(() =>
        {
            var provider = new Pulumi.Kubernetes.Provider("k8s", new Pulumi.Kubernetes.ProviderArgs { KubeConfig = EchoMocks.Kubeconfig });
            _ = new PodTemplateConfigMap("dispatch-repo-tolerations", new PodTemplateConfigMapArgs { Plan = plan, Provider = provider });
        });
        var configMap = mocks.Single("kubernetes:core/v1:ConfigMap", "dispatch-repo-tolerations").Inputs;
        Assert.Equal(plan.TemplateYaml, MockValues.Map(configMap["data"])["template"]);
        var metadata = MockValues.Map(configMap["metadata"]);
        Assert.Equal(("repo-tolerations", "dispatch"), ((string)metadata["name"], (string)metadata["namespace"]));
        Assert.DoesNotContain(mocks.Registered, r => r.Type == "kubernetes:core/v1:Namespace"); // ClusterNamespaces owns namespaces
    }

    [Fact]
    public async Task Each_namespace_is_one_Namespace_retained_on_delete()
    {
        var retained = new System.Collections.Concurrent.ConcurrentDictionary<string, bool?>();
        var mocks = await Deploy(() =>
        {
            var provider = new Pulumi.Kubernetes.Provider("k8s", new Pulumi.Kubernetes.ProviderArgs { KubeConfig = EchoMocks.Kubeconfig });
            var probe = new Probe(new ComponentResourceOptions
            {
                ResourceTransformations =
                {
                    args =>
                    {
                        if (args.Resource is Pulumi.Kubernetes.Core.V1.Namespace)
                            retained[args.Resource.GetResourceName()] = args.Options.RetainOnDelete;
                        return null;
                    },
                },
            });
            _ = new ClusterNamespaces("namespaces", ["data", "argocd", "data"], provider, new ComponentResourceOptions { Parent = probe });
        });
        var names = mocks.OfType("kubernetes:core/v1:Namespace").Select(r => (string)MockValues.Map(r.Inputs["metadata"])["name"]).Order().ToList();
        Assert.Equal(["argocd", "data"], names);
        Assert.Equal([true, true], retained.Values.ToList());
    }

    [Fact]
    public async Task A_release_is_installed_with_its_options_after_its_namespace_and_the_releases_it_depends_on()
    {
        var plan = Dev.Releases.Single(r => r.Name == "inference");
        var captured = new System.Collections.Concurrent.ConcurrentDictionary<string, CustomResourceOptions>();
        var mocks = await Deploy(() =>
        {
            var provider = new Pulumi.Kubernetes.Provider("k8s", new Pulumi.Kubernetes.ProviderArgs { KubeConfig = EchoMocks.Kubeconfig });
            var probe = new Probe(new ComponentResourceOptions
            {
                ResourceTransformations =
                {
                    args =>
                    {
                        if (args.Resource is Pulumi.Kubernetes.Helm.V3.Release && args.Options is CustomResourceOptions options)
                            captured[args.Resource.GetResourceName()] = options;
                        return null;
                    },
                },
            });
            var namespaces = new ClusterNamespaces("namespaces", ["inference", "nvidia-device-plugin"], provider, new ComponentResourceOptions { Parent = probe });
            var plugin = new PlacedRelease("nvidia-device-plugin", new PlacedReleaseArgs
            {
                Plan = Dev.Releases.Single(r => r.Name == "nvidia-device-plugin"), Provider = provider, TargetNodeGroups = [],
                Namespace = namespaces.Namespaces["nvidia-device-plugin"],
            }, new ComponentResourceOptions { Parent = probe });
            _ = new PlacedRelease("inference", new PlacedReleaseArgs
            {
                Plan = plan, Provider = provider, TargetNodeGroups = [], Namespace = namespaces.Namespaces["inference"], AfterReleases = [plugin.Release],
            }, new ComponentResourceOptions { Parent = probe });
        });

        var release = mocks.Single("kubernetes:helm.sh/v3:Release", "inference").Inputs;
        Assert.False((bool)release["createNamespace"]);
        Assert.Equal((double)plan.Spec.Install.TimeoutSeconds, Convert.ToDouble(release["timeout"]));
        Assert.Equal(plan.Spec.Install.Atomic, (bool)release["atomic"]);
        Assert.Equal(plan.Spec.Install.SkipAwait, (bool)release["skipAwait"]);
        var dependsOn = await OutputUtilities.GetValueAsync(((Input<ImmutableArray<Resource>>)captured["inference"].DependsOn).ToOutput());
        Assert.Equal(["namespace-inference", "nvidia-device-plugin"], dependsOn.Select(r => r.GetResourceName()).Order());
    }

    /// <summary>Sorts each object's keys so JSON from dictionaries of unspecified order compares.</summary>
    private static string Normalized(JsonNode? node) => Sort(node)?.ToJsonString() ?? "null";

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new KeyValuePair<string, JsonNode?>(p.Key, Sort(p.Value?.DeepClone())))),
        JsonArray array => new JsonArray(array.Select(item => Sort(item?.DeepClone())).ToArray()),
        _ => node?.DeepClone(),
    };
}
