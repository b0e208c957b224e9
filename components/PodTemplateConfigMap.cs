using NodePools.Placement.Planning;
using Pulumi;
using CoreV1 = Pulumi.Kubernetes.Core.V1;
using CoreInputs = Pulumi.Kubernetes.Types.Inputs.Core.V1;
using MetaInputs = Pulumi.Kubernetes.Types.Inputs.Meta.V1;

namespace NodePools.Components;

/// <summary>
/// A ConfigMap holding a derived pod template, for tools that read one per repository or job
/// (Dispatch: --pod-template-config-map-name / --pod-template-config-map-key).
/// </summary>
public sealed class PodTemplateConfigMap : ComponentResource
{
    public PodTemplateConfigMap(string name, PodTemplateConfigMapArgs args, ComponentResourceOptions? options = null)
        : base(ComponentTypes.PodTemplateConfigMap, name, options)
    {
        var spec = args.Plan.Spec;
        var resourceOptions = ChildOptions.After(this, args.DependsOn, args.Provider);

        ConfigMap = new CoreV1.ConfigMap(name, ConfigMapArgs(args.Plan), resourceOptions);
        RegisterOutputs(new Dictionary<string, object?> { ["name"] = spec.Name, ["namespace"] = spec.Namespace });
    }

    public CoreV1.ConfigMap ConfigMap { get; }

    public static CoreInputs.ConfigMapArgs ConfigMapArgs(PodTemplateConfigMapPlan plan)
    {
        var args = new CoreInputs.ConfigMapArgs
        {
            Metadata = new MetaInputs.ObjectMetaArgs
            {
                Name = plan.Spec.Name,
                Namespace = plan.Spec.Namespace,
                Labels = { ["app.kubernetes.io/managed-by"] = "node-pools" },
            },
        };
        args.Data.Add(plan.Spec.Key, plan.TemplateYaml);
        return args;
    }
}

public sealed class PodTemplateConfigMapArgs
{
    public required PodTemplateConfigMapPlan Plan { get; init; }
    public required ProviderResource Provider { get; init; }

    /// <summary>Node groups of the targeted pools, and the ConfigMap's namespace.</summary>
    public IReadOnlyList<Resource> DependsOn { get; init; } = [];
}
