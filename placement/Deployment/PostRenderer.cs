using NodePools.Placement.Patching;
using NodePools.Placement.Planning;

namespace NodePools.Placement.Deployment;

/// <summary>
/// The post-renderer of a release with patches, as the Pulumi layer hands it to Helm. Helm 3 (which
/// Pulumi's Release embeds) runs a post-renderer as one executable path with no arguments, so each
/// such release gets a small script that runs `nodepools postrender` on the patch file beside it.
/// <list type="bullet">
/// <item>Both files are named by the patches' digest: a change of patches is a new path, which Pulumi
/// sees as a change of the Release's <c>postrender</c> input and upgrades the release.</item>
/// <item>The path is relative (<see cref="Directory"/>): Pulumi runs the program and the Kubernetes
/// provider in the same directory (the project's <c>main</c>), so the path resolves to the files the
/// program wrote, and stays the same on every machine (no spurious update when CI deploys after a workstation).</item>
/// </list>
/// </summary>
public sealed record PostRenderer(string Release, string Digest, string PatchesJson)
{
    /// <summary>Where the files are written, relative to the program's directory (git-ignored).</summary>
    public const string Directory = ".nodepools/postrender";

    /// <summary>The command the script runs; <c>NODEPOOLS</c> names another (e.g. <c>dotnet path/to/nodepools.dll</c>).</summary>
    public const string EnvironmentVariable = "NODEPOOLS";

    public string Name => $"{Release}-{Digest}";

    /// <summary>The Release's postrender input.</summary>
    public string ScriptPath => $"{Directory}/{Name}.sh";

    public string PatchesPath => $"{Directory}/{Name}.json";

    /// <summary>The post-renderer of a release, or null when it declares no patches (Helm then runs none).</summary>
    public static PostRenderer? For(ReleasePlan release)
    {
        if (release.Patches.Count == 0)
            return null;
        var json = PatchFile.Serialize(release.Name, release.Spec.Namespace, release.Patches);
        return new PostRenderer(release.Name, PatchFile.Digest(json), json);
    }

    /// <summary>
    /// A POSIX shell script: `nodepools` from <c>NODEPOOLS</c>, else the PATH (a global tool), else the
    /// repository's local tool (`dotnet nodepools`, found from the program's directory).
    /// </summary>
    public string Script => $$"""
        #!/bin/sh
        # The Helm post-renderer of release {{Release}}, written by the node-pools program. Helm runs it with
        # no arguments, the rendered manifests on standard input; it applies the release's patches (the
        # file beside it) with `nodepools postrender`, exactly as `nodepools check` applies them.
        patches="$(dirname "$0")/{{Name}}.json"
        if [ -n "${{{EnvironmentVariable}}:-}" ]; then
          exec ${{EnvironmentVariable}} postrender --patches "$patches"
        elif command -v nodepools >/dev/null 2>&1; then
          exec nodepools postrender --patches "$patches"
        else
          exec dotnet nodepools postrender --patches "$patches"
        fi

        """;
}
