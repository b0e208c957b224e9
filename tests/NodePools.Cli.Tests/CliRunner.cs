using NodePools.Cli;
using NodePools.Tests.Shared;

namespace NodePools.Cli.Tests;

/// <summary>Runs `nodepools` in-process with captured output, from the repository root.</summary>
internal static class CliRunner
{
    public static string RepositoryRoot => Repository.Root;

    public static (int Exit, string Out, string Err) Run(params string[] args) => RunWithInput("", args);

    /// <summary>Runs with <paramref name="input"/> as standard input (`postrender` reads manifests there).</summary>
    public static (int Exit, string Out, string Err) RunWithInput(string input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = NodePoolsCli.Run(args, new CliContext(output, error, color: false) { Input = new StringReader(input) });
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>A project directory with Pulumi.yaml and one stack file, Pulumi.test.yaml.</summary>
    public static string Project(string stackFile)
    {
        var dir = Directory.CreateTempSubdirectory("nodepools-").FullName;
        File.WriteAllText(Path.Combine(dir, "Pulumi.yaml"), "name: node-pools\nruntime: dotnet\n");
        File.WriteAllText(Path.Combine(dir, "Pulumi.test.yaml"), stackFile);
        return dir;
    }

    public static string Example(string relative) => Path.Combine(RepositoryRoot, "examples", relative);

    public static string TempFile(string content, string extension = ".yaml")
    {
        var path = Path.Combine(Path.GetTempPath(), $"nodepools-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(path, content);
        return path;
    }
}
