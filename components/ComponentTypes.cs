namespace NodePools.Components;

/// <summary>The type tokens the components register under.</summary>
public static class ComponentTypes
{
    public const string Network = "nodepools:index:Network";
    public const string Cluster = "nodepools:index:Cluster";
    public const string NodeRole = "nodepools:index:NodeRole";
    public const string NodePool = "nodepools:index:NodePool";
    public const string Namespaces = "nodepools:index:Namespaces";
    public const string ClusterAccess = "nodepools:index:ClusterAccess";
    public const string NodeNetworkAddons = "nodepools:index:NodeNetworkAddons";
    public const string ClusterDnsAddon = "nodepools:index:ClusterDnsAddon";
    public const string AutoscalerAccess = "nodepools:index:AutoscalerAccess";
    public const string ClusterStorage = "nodepools:index:ClusterStorage";
    public const string PlacedRelease = "nodepools:index:PlacedRelease";
    public const string PodTemplateConfigMap = "nodepools:index:PodTemplateConfigMap";
}
