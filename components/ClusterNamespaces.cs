using Pulumi;
using CoreV1 = Pulumi.Kubernetes.Core.V1;
using CoreInputs = Pulumi.Kubernetes.Types.Inputs.Core.V1;
using MetaInputs = Pulumi.Kubernetes.Types.Inputs.Meta.V1;

namespace NodePools.Components;

/// <summary>
/// One Namespace per namespace the stack's releases and pod templates use, owned here and nowhere
/// else: releases and ConfigMaps depend on it and never create it, so no namespace is deleted when
/// the resource that happened to create it goes. Retained on delete: removing a release from the
/// stack does not delete the workloads and volumes of others that share its namespace.
/// </summary>
public sealed class ClusterNamespaces : ComponentResource
{
    public ClusterNamespaces(string name, IEnumerable<string> namespaces, ProviderResource provider, ComponentResourceOptions? options = null)
        : base(ComponentTypes.Namespaces, name, options)
    {
        Namespaces = namespaces.Distinct(StringComparer.Ordinal).Where(ns => !BuiltInNamespaces.Contains(ns)).Order(StringComparer.Ordinal).ToDictionary(
            ns => ns,
            ns => new CoreV1.Namespace($"namespace-{ns}", new CoreInputs.NamespaceArgs
            {
                Metadata = new MetaInputs.ObjectMetaArgs
                {
                    Name = ns,
                    Labels = { ["app.kubernetes.io/managed-by"] = "node-pools" },
                },
            }, new CustomResourceOptions { Parent = this, Provider = provider, RetainOnDelete = true }),
            StringComparer.Ordinal);
        RegisterOutputs(new Dictionary<string, object?> { ["namespaces"] = Namespaces.Keys.ToList() });
    }

    /// <summary>The stack's namespaces, without those Kubernetes creates itself.</summary>
    public IReadOnlyDictionary<string, CoreV1.Namespace> Namespaces { get; }

    /// <summary>Namespaces every cluster has from the start: never created, never owned, never deleted by the stack.</summary>
    public static readonly IReadOnlySet<string> BuiltInNamespaces = new HashSet<string>(StringComparer.Ordinal) { "default", "kube-system", "kube-public", "kube-node-lease" };

    /// <summary>The Namespace a release or template depends on, or null for one Kubernetes owns.</summary>
    public Resource? For(string ns) => Namespaces.GetValueOrDefault(ns);
}
