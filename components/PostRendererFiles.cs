using NodePools.Placement.Deployment;

namespace NodePools.Components;

/// <summary>
/// Writes a release's post-renderer (its script and patch file) where Helm will look for it: under
/// the program's working directory, which is the Kubernetes provider's too (Pulumi starts both in
/// the project's main directory), at the relative path the Release's postrender input names.
/// </summary>
public static class PostRendererFiles
{
    /// <summary>Writes both files (the patch file first, so the script never runs without it) and returns the script's relative path.</summary>
    public static string Write(PostRenderer postRenderer, string root)
    {
        Directory.CreateDirectory(Path.Combine(root, PostRenderer.Directory));
        WriteFile(Path.Combine(root, postRenderer.PatchesPath), postRenderer.PatchesJson, executable: false);
        WriteFile(Path.Combine(root, postRenderer.ScriptPath), postRenderer.Script, executable: true);
        return postRenderer.ScriptPath;
    }

    /// <summary>Content-addressed files: one already there with the same text is left alone; otherwise replaced at once (never half-written).</summary>
    private static void WriteFile(string path, string text, bool executable)
    {
        if (File.Exists(path) && File.ReadAllText(path) == text)
            return;
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, text);
        if (executable && !OperatingSystem.IsWindows())
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                                            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.Move(temporary, path, overwrite: true);
    }
}
