using Pulumi;

namespace NodePools.Components;

/// <summary>Options of a component's child resource: parented to the component, created after its dependencies.</summary>
internal static class ChildOptions
{
    public static CustomResourceOptions After(Resource parent, IEnumerable<Resource> dependsOn, ProviderResource? provider = null)
    {
        var options = new CustomResourceOptions { Parent = parent, Provider = provider };
        foreach (var dependency in dependsOn)
            options.DependsOn.Add(dependency);
        return options;
    }
}
