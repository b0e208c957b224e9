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

    /// <summary>
    /// The config of Pulumi.STACK.yaml with patches (a JSON list) declared on one release instead of
    /// its acknowledgements, as PULUMI_CONFIG JSON: the bundled stacks acknowledge what they do not patch.
    /// </summary>
    public static string WithPatches(string stack, string release, string patchesJson)
    {
        var config = (JsonObject)JsonNode.Parse(FromStackFile(stack))!;
        var spec = (JsonObject)config["node-pools:releases"]![release]!;
        spec.Remove("acknowledge");
        spec["patches"] = JsonNode.Parse(patchesJson);
        return config.ToJsonString();
    }

    /// <summary>Reads a key of the project's config from PULUMI_CONFIG JSON, as the program's Config.Get does.</summary>
    public static Func<string, string?> Lookup(string pulumiConfigJson, string project = "node-pools")
    {
        var config = (JsonObject)JsonNode.Parse(pulumiConfigJson)!;
        return key => config[$"{project}:{key}"] is { } value ? value.ToJsonString() : null;
    }

    public static void Use(string pulumiConfigJson) => Environment.SetEnvironmentVariable("PULUMI_CONFIG", pulumiConfigJson);
}
