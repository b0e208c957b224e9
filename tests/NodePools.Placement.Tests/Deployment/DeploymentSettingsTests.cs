using NodePools.Tests.Shared;
using NodePools.Placement.Deployment;
using NodePools.Placement.Planning;
using NodePools.Placement.Declaration;
using NodePools.Placement.Pipeline;

namespace NodePools.Placement.Tests.Deployment;

/// <summary>The node group, launch template, chart and network decisions the Pulumi layer copies.</summary>
public class DeploymentSettingsTests
{
    private static readonly StackPlan Dev = StackPipeline.PlanFromDirectory(Repository.Root, "dev");

    private static NodeGroupSettings Settings(string pool) => NodeGroupSettings.For(Dev.Pool(pool), Dev.Declaration);

    [Fact]
    public void A_node_group_carries_the_declared_labels_and_the_EKS_spelling_of_its_taints()
    {
        var gpu = Settings("gpu");
        Assert.Equal(new Dictionary<string, string> { ["gpu"] = "true", ["k8s.amazonaws.com/accelerator"] = "nvidia-a10g" }, gpu.Labels);
        Assert.Equal([new EksTaint("workload", "high-resource", "NO_SCHEDULE")], gpu.Taints);
        Assert.Equal([new EksTaint("workload", "dispatch", "NO_EXECUTE")], Settings("dispatch").Taints);
        Assert.Equal("AL2023_x86_64_NVIDIA", gpu.AmiType);
        Assert.Equal("gpu-", gpu.NamePrefix);
        Assert.Equal("gpu", gpu.Tags["node-pools/pool"]);
    }

    [Fact]
    public void Desired_size_is_ignored_after_creation_and_protected_pools_are_protected()
    {
        var store = Settings("data-store");
        Assert.True(store.Protect);
        Assert.Equal([NodeGroupSettings.DesiredSizeProperty], store.IgnoreChanges);
        Assert.Equal(1, store.MaxUnavailable);
        Assert.False(Settings("services").Protect);
    }

    [Fact]
    public void The_launch_template_requires_IMDSv2_with_hop_limit_1_and_sizes_the_disk()
    {
        var template = Settings("gpu").LaunchTemplate;
        Assert.Equal(("required", 1, "enabled"), (template.HttpTokens, template.HttpPutResponseHopLimit, template.HttpEndpoint));
        Assert.Equal((100, "gp3", true, "/dev/xvda"), (template.VolumeSize, template.VolumeType, template.Encrypted, template.DeviceName));
    }

    public static TheoryData<string, string?, string?> Nodes => new()
    {
        // pool of the dev stack; its k8s.amazonaws.com/accelerator label; its scale-from-zero ephemeral-storage tag
        { "gpu", "nvidia-a10g", $"{(long)(100 * 1024 * 0.9) - 1024}Mi" },
        { "worker", null, $"{(long)(50 * 1024 * 0.9) - 1024}Mi" },
        { "system", null, $"{(long)(50 * 1024 * 0.9) - 1024}Mi" },
    };

    [Theory]
    [MemberData(nameof(Nodes))]
    public void GPU_pools_carry_the_accelerator_label_and_autoscaled_pools_their_ephemeral_storage(string pool, string? accelerator, string? ephemeral)
    {
        var settings = Settings(pool);
        Assert.Equal(accelerator, settings.Labels.GetValueOrDefault("k8s.amazonaws.com/accelerator"));
        // What the scheduling simulation sees too.
        Assert.Equal(accelerator, Dev.Pool(pool).NodeTemplate.Labels.GetValueOrDefault("k8s.amazonaws.com/accelerator"));
        Assert.Equal(ephemeral, settings.Tags.GetValueOrDefault(NodeGroupSettings.EphemeralStorageTag));
        Assert.Equal(ephemeral is null ? [] : [NodeGroupSettings.EphemeralStorageTag], settings.AutoScalingGroupTags.Select(tag => tag.Key));
        // The pool's identity (what derived affinity selects on) is its declared labels only.
        Assert.DoesNotContain("k8s.amazonaws.com/accelerator", Dev.Pool(pool).Spec.Labels.Keys);
    }

    [Fact]
    public void Instances_and_volumes_are_tagged_through_the_launch_template_but_for_the_autoscalers_template_tags()
    {
        var tags = Settings("worker").LaunchTemplate.InstanceTags;
        Assert.Equal("nodepools-dev-worker", tags["Name"]);
        Assert.Equal("worker", tags["node-pools/pool"]);
        Assert.DoesNotContain(tags.Keys, key => key.StartsWith("k8s.io/cluster-autoscaler/", StringComparison.Ordinal));
        Assert.Equal(["instance", "volume"], LaunchTemplateSettings.TaggedResources);
    }

    [Fact]
    public void Bottlerocket_sizes_its_data_volume()
    {
        var pool = Dev.Pool("system").Spec with { AmiType = "BOTTLEROCKET_x86_64" };
        Assert.Equal("/dev/xvdb", LaunchTemplateSettings.For(pool, new Dictionary<string, string>()).DeviceName);
    }

    [Fact]
    public void The_node_role_gets_the_worker_and_registry_policies_and_not_the_CNI_policy()
    {
        Assert.Equal(
            ["arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy", "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"],
            NodeRolePolicies.Attached.Select(p => p.Arn));
        Assert.DoesNotContain(ClusterAddonSettings.CniPolicyArn, NodeRolePolicies.Attached.Select(p => p.Arn));
        Assert.Contains("ec2.amazonaws.com", NodeRolePolicies.AssumeRolePolicy);
    }

    [Fact]
    public void OCI_charts_are_referenced_by_URL_and_classic_repositories_by_name()
    {
        var postgres = Dev.Releases.Single(r => r.Name == "postgresql").Spec;
        Assert.Equal(new ChartReference("oci://registry-1.docker.io/bitnamicharts/postgresql", null), ChartReference.For(postgres));
        var argo = Dev.Releases.Single(r => r.Name == "argo-cd").Spec;
        Assert.Equal(new ChartReference("argo-cd", "https://argoproj.github.io/argo-helm"), ChartReference.For(argo));
    }
}
