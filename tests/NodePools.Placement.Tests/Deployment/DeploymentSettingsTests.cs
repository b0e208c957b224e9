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
        Assert.Equal(new Dictionary<string, string> { ["gpu"] = "true" }, gpu.Labels);
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

    [Fact]
    public void Bottlerocket_sizes_its_data_volume()
    {
        var pool = Dev.Pool("system").Spec with { AmiType = "BOTTLEROCKET_x86_64" };
        Assert.Equal("/dev/xvdb", LaunchTemplateSettings.For(pool).DeviceName);
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
