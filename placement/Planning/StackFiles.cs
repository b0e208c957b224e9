using System.Text.Json.Nodes;
using NodePools.Placement.Declaration;
using NodePools.Placement.Input;

namespace NodePools.Placement.Planning;

/// <summary>The project file and a stack file on disk, read the way Pulumi reads them.</summary>
public static class StackFiles
{
    public const string ProjectFileName = "Pulumi.yaml";

    public static StackDeclaration Read(string directory, string stack)
    {
        var project = ProjectName(directory);
        return ReadStackFile(project, stack, Path.Combine(directory, DeclarationParser.StackFileName(stack)));
    }

    public static StackDeclaration ReadStackFile(string project, string stack, string path)
    {
        var documents = StructuredText.LoadFile(path);
        if (documents.Count != 1)
            throw new InvalidInputException(new InputError(path, "", $"a stack file holds one YAML document (found {documents.Count})"));
        return DeclarationParser.FromStackFile(project, stack, documents[0]);
    }

    /// <summary>The project's name: the namespace of its config keys.</summary>
    public static string ProjectName(string directory)
    {
        var path = Path.Combine(directory, ProjectFileName);
        var documents = StructuredText.LoadFile(path);
        var name = documents.Count > 0 && documents[0].Root is JsonObject root && root["name"] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : null;
        return string.IsNullOrEmpty(name)
            ? throw new InvalidInputException(new InputError(path, "name", "the project file needs a name: it is the namespace of the stack's config keys"))
            : name;
    }
}
