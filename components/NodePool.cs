using System.Collections.Immutable;
using NodePools.Placement.Deployment;
using Pulumi;
using Aws = Pulumi.Aws;
using NodePools.Placement.Facts;

namespace NodePools.Components;

/// <summary>
/// One pool: an EKS managed node group (Pulumi.Aws.Eks.NodeGroup) with its labels and taints, and
/// the launch template that gives it IMDSv2 and its disk. Every setting comes from
/// <see cref="NodeGroupSettings"/>; nothing is decided here.
/// </summary>
public sealed class NodePool : ComponentResource
{
    public NodePool(string name, NodePoolArgs args, ComponentResourceOptions? options = null)
        : base(ComponentTypes.NodePool, name, options)
    {
        var settings = args.Settings;
        Protected = settings.Protect;
        LaunchTemplate = new Aws.Ec2.LaunchTemplate(name, LaunchTemplateArgs(settings), new CustomResourceOptions { Parent = this });
        NodeGroup = new Aws.Eks.NodeGroup(name, NodeGroupArgs(settings, args, LaunchTemplate), NodeGroupOptions(settings, this, args.DependsOn));
        // The autoscaler reads a group's template (ephemeral storage, to scale up from zero) from its Auto Scaling group.
        AutoScalingGroupTags = settings.AutoScalingGroupTags
            .Select(tag => new Aws.AutoScaling.Tag($"{name}-{tag.Key[NodeGroupSettings.AutoscalerTemplatePrefix.Length..].Replace('/', '-')}", new Aws.AutoScaling.TagArgs
            {
                AutoscalingGroupName = NodeGroup.Resources.Apply(resources => resources[0].AutoscalingGroups[0].Name),
                TagDetails = new Aws.AutoScaling.Inputs.TagTagArgs { Key = tag.Key, Value = tag.Value, PropagateAtLaunch = false },
            }, new CustomResourceOptions { Parent = this }))
            .ToList();

        NodeGroupName = NodeGroup.NodeGroupName;
        Labels = Output.Create(settings.Labels.ToImmutableDictionary());
        Taints = Output.Create(settings.Taints.Select(taint => taint.ToString()).ToImmutableArray());
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["nodeGroupName"] = NodeGroupName,
            ["labels"] = Labels,
            ["taints"] = Taints,
        });
    }

    /// <summary>A stateful pool: protected from deletion, and rolled after every other.</summary>
    public bool Protected { get; }

    public Aws.Ec2.LaunchTemplate LaunchTemplate { get; }
    public Aws.Eks.NodeGroup NodeGroup { get; }

    /// <summary>The node group's Auto Scaling group tags the Cluster Autoscaler reads (none where it does not scale the pool).</summary>
    public IReadOnlyList<Aws.AutoScaling.Tag> AutoScalingGroupTags { get; }

    public Output<string> NodeGroupName { get; }
    public Output<ImmutableDictionary<string, string>> Labels { get; }

    /// <summary>Taints as key=value:EFFECT, in the EKS spelling.</summary>
    public Output<ImmutableArray<string>> Taints { get; }

    /// <summary>
    /// Protected (stateful) pools cannot be deleted by a deployment; where the Cluster Autoscaler owns
    /// the desired size, a deployment leaves it alone (resetting it would terminate nodes at once).
    /// </summary>
    public static CustomResourceOptions NodeGroupOptions(NodeGroupSettings settings, Resource parent, IEnumerable<Resource> dependsOn)
    {
        var options = ChildOptions.After(parent, dependsOn);
        options.Protect = settings.Protect;
        options.IgnoreChanges = settings.IgnoreChanges.ToList();
        return options;
    }

    public static Aws.Ec2.LaunchTemplateArgs LaunchTemplateArgs(NodeGroupSettings settings)
    {
        var template = settings.LaunchTemplate;
        return new Aws.Ec2.LaunchTemplateArgs
        {
            NamePrefix = template.NamePrefix,
            Description = $"Nodes of pool {settings.NamePrefix.TrimEnd('-')}: IMDSv2 and disk only, no user data",
            UpdateDefaultVersion = true,
            MetadataOptions = new Aws.Ec2.Inputs.LaunchTemplateMetadataOptionsArgs
            {
                HttpEndpoint = template.HttpEndpoint,
                HttpTokens = template.HttpTokens,
                HttpPutResponseHopLimit = template.HttpPutResponseHopLimit,
            },
            // Tags reach the instances and their volumes only through the launch template.
            TagSpecifications = LaunchTemplateSettings.TaggedResources.Select(resource => new Aws.Ec2.Inputs.LaunchTemplateTagSpecificationArgs
            {
                ResourceType = resource,
                Tags = template.InstanceTags.ToDictionary(),
            }).ToList(),
            BlockDeviceMappings =
            {
                new Aws.Ec2.Inputs.LaunchTemplateBlockDeviceMappingArgs
                {
                    DeviceName = template.DeviceName,
                    Ebs = new Aws.Ec2.Inputs.LaunchTemplateBlockDeviceMappingEbsArgs
                    {
                        VolumeSize = template.VolumeSize,
                        VolumeType = template.VolumeType,
                        Encrypted = template.Encrypted ? "true" : "false",
                        DeleteOnTermination = "true",
                    },
                },
            },
        };
    }

    public static Aws.Eks.NodeGroupArgs NodeGroupArgs(NodeGroupSettings settings, NodePoolArgs args, Aws.Ec2.LaunchTemplate launchTemplate)
    {
        var nodeGroup = new Aws.Eks.NodeGroupArgs
        {
            ClusterName = args.ClusterName,
            NodeGroupNamePrefix = settings.NamePrefix,
            NodeRoleArn = args.NodeRoleArn,
            SubnetIds = args.SubnetIds,
            InstanceTypes = settings.InstanceTypes.ToList(),
            AmiType = settings.AmiType,
            Version = settings.KubernetesVersion,
            CapacityType = settings.CapacityType,
            ScalingConfig = new Aws.Eks.Inputs.NodeGroupScalingConfigArgs
            {
                MinSize = settings.Scaling.Min,
                DesiredSize = settings.Scaling.Desired,
                MaxSize = settings.Scaling.Max,
            },
            UpdateConfig = UpdateConfig(settings),
            LaunchTemplate = new Aws.Eks.Inputs.NodeGroupLaunchTemplateArgs
            {
                Id = launchTemplate.Id,
                Version = launchTemplate.LatestVersion.Apply(version => version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            },
        };
        if (settings.AmiReleaseVersion is { } release)
            nodeGroup.ReleaseVersion = release;
        foreach (var (key, value) in settings.Labels)
            nodeGroup.Labels.Add(key, value);
        foreach (var taint in settings.Taints)
        {
            var eksTaint = new Aws.Eks.Inputs.NodeGroupTaintArgs { Key = taint.Key, Effect = taint.Effect };
            if (taint.Value is { } value)
                eksTaint.Value = value;
            nodeGroup.Taints.Add(eksTaint);
        }
        foreach (var (key, value) in settings.Tags)
            nodeGroup.Tags.Add(key, value);
        return nodeGroup;
    }

    /// <summary>EKS takes a count or a percentage, never both.</summary>
    private static Aws.Eks.Inputs.NodeGroupUpdateConfigArgs UpdateConfig(NodeGroupSettings settings)
    {
        var update = new Aws.Eks.Inputs.NodeGroupUpdateConfigArgs();
        if (settings.MaxUnavailablePercentage is { } percentage)
            update.MaxUnavailablePercentage = percentage;
        else
            update.MaxUnavailable = settings.MaxUnavailable ?? 1;
        return update;
    }
}

/// <summary>What a pool needs from the rest of the stack: the cluster to join, the node role, subnets.</summary>
public sealed class NodePoolArgs
{
    public required NodeGroupSettings Settings { get; init; }
    public required Input<string> ClusterName { get; init; }
    public required Input<string> NodeRoleArn { get; init; }
    public required InputList<string> SubnetIds { get; init; }

    /// <summary>Created before the node group: the cluster, the node role's policy attachments.</summary>
    public IReadOnlyList<Resource> DependsOn { get; init; } = [];
}
