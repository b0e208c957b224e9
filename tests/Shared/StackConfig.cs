using System.Text.Json.Nodes;
using NodePools.Placement.Input;

namespace NodePools.Tests.Shared;

/// <summary>Hands a stack file's config to a Pulumi test deployment, as the engine does: PULUMI_CONFIG.</summary>
public static class StackConfig
{
    public static string RepositoryRoot => Repository.Root;

    /// <summary>The config of Pulumi.STACK.yaml in the repository, as PULUMI_CONFIG JSON.</summary>
    public static string FromStackFile(string stack) =>
        FromYaml(File.ReadAllText(Path.Combine(RepositoryRoot, $"Pulumi.{stack}.yaml")));

    public static string FromYaml(string yaml)
    {
        var root = (JsonObject)StructuredText.Parse("stack.yaml", yaml)[0].Root!;
        return root["config"]!.ToJsonString();
    }

    public static void Use(string pulumiConfigJson) => Environment.SetEnvironmentVariable("PULUMI_CONFIG", pulumiConfigJson);
}
