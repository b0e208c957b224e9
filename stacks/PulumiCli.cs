namespace NodePools.Stacks;

/// <summary>Finds the pulumi CLI the Automation API runs, so its absence is a clear message rather than a process error.</summary>
public static class PulumiCli
{
    public const string InstallHint = "install the Pulumi CLI (https://www.pulumi.com/docs/install/) and make sure `pulumi` is on PATH";

    public static string? Find()
    {
        var names = OperatingSystem.IsWindows() ? new[] { "pulumi.exe", "pulumi.cmd" } : ["pulumi"];
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => names.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
    }
}

/// <summary>The Automation API needs the pulumi CLI and it is not on PATH.</summary>
public sealed class PulumiCliMissingException() : Exception($"the pulumi CLI is not on PATH: {PulumiCli.InstallHint}");
