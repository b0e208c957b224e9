using NodePools.Cli;
using NodePools.Tests.Shared;

namespace NodePools.Cli.Tests;

/// <summary>Runs `nodepools` in-process with captured output, from the repository root.</summary>
internal static class CliRunner
{
    public static string RepositoryRoot => Repository.Root;

    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = NodePoolsCli.Run(args, new CliContext(output, error, color: false));
        return (exit, output.ToString(), error.ToString());
    }

    public static string Example(string relative) => Path.Combine(RepositoryRoot, "examples", relative);

    public static string TempFile(string content, string extension = ".yaml")
    {
        var path = Path.Combine(Path.GetTempPath(), $"nodepools-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(path, content);
        return path;
    }
}
