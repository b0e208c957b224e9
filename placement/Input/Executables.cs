namespace NodePools.Placement.Input;

/// <summary>Finds the tools nodepools runs (helm, kubectl): one the user names in an environment variable, else the first on PATH.</summary>
public static class Executables
{
    /// <summary>
    /// The file <paramref name="overrideVariable"/> names when it is set (null when no such file exists:
    /// a wrong setting is not silently replaced), else the first <paramref name="name"/> on PATH
    /// (NAME.exe first on Windows); null when there is none.
    /// </summary>
    public static string? Find(string name, string overrideVariable)
    {
        if (Environment.GetEnvironmentVariable(overrideVariable) is { Length: > 0 } configured)
            return File.Exists(configured) ? configured : null;
        var names = OperatingSystem.IsWindows() ? new[] { name + ".exe", name } : [name];
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(directory => names.Select(candidate => Path.Combine(directory, candidate)))
            .FirstOrDefault(File.Exists);
    }
}
