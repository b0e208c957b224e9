using System.Text.Json.Nodes;
using NodePools.Placement.Input;

namespace NodePools.Tests.Shared;

/// <summary>Hands a stack file's config to a Pulumi test deployment, as the engine does: PULUMI_CONFIG.</summary>
public static class StackConfig
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The config of Pulumi.STACK.yaml in the repository, as PULUMI_CONFIG JSON.</summary>
    public static string FromStackFile(string stack) =>
        FromYaml(File.ReadAllText(Path.Combine(RepositoryRoot, $"Pulumi.{stack}.yaml")));

    public static string FromYaml(string yaml)
    {
        var root = (JsonObject)StructuredText.Parse("stack.yaml", yaml)[0].Root!;
        return root["config"]!.ToJsonString();
    }

    public static void Use(string pulumiConfigJson) => Environment.SetEnvironmentVariable("PULUMI_CONFIG", pulumiConfigJson);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NodePools.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("NodePools.sln not found above the test binaries");
    }
}
