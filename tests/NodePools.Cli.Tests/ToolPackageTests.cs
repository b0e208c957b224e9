using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using NodePools.Tests.Shared;

namespace NodePools.Cli.Tests;

/// <summary>
/// `nodepools` as a .NET tool: packed here (the package that points to the platform packages, and
/// the native AOT package of this machine's platform), installed with dotnet tool install --add-source,
/// and answering exactly as `dotnet run` does. Slow (a native build): about a minute on two cores.
/// </summary>
public class ToolPackageTests
{
    private static string Version =>
        XDocument.Load(Repository.Path("cli", "NodePools.Cli.csproj")).Descendants("Version").Single().Value;

    [Fact]
    public void The_tool_manifest_pins_the_version_the_project_packs()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Repository.Path(".config", "dotnet-tools.json")))!;
        Assert.Equal(Version, (string?)manifest["tools"]!["nodepools"]!["version"]);
        Assert.Equal(["nodepools"], manifest["tools"]!["nodepools"]!["commands"]!.AsArray().Select(c => (string?)c));
    }

    [Fact]
    public void The_packed_tool_installs_and_plans_exactly_as_dotnet_run()
    {
        var rid = RuntimeInformation.RuntimeIdentifier;
        var work = Directory.CreateTempSubdirectory("nodepools-tool-").FullName;
        var packages = Path.Combine(work, "packages");
        var project = Repository.Path("cli", "NodePools.Cli.csproj");
        // A separate artifacts path: the tests' own build output is left alone.
        // No build servers or reused nodes: the builds end with their commands and leave the test host alone.
        string[] isolated = ["-nodeReuse:false", "-p:UseSharedCompilation=false"];
        Run("dotnet", ["pack", project, "-c", "Release", "-r", rid, "-o", packages, "--artifacts-path", Path.Combine(work, "artifacts"), .. isolated]);
        Run("dotnet", ["pack", project, "-c", "Release", "-o", packages, "--artifacts-path", Path.Combine(work, "artifacts"), .. isolated]);
        Assert.True(File.Exists(Path.Combine(packages, $"nodepools.{Version}.nupkg")));
        Assert.True(File.Exists(Path.Combine(packages, $"nodepools.{rid}.{Version}.nupkg")));

        var tools = Path.Combine(work, "tools");
        // Its own packages folder: a package of the same version cached by an earlier run must not stand in for this one.
        Run(("NUGET_PACKAGES", Path.Combine(work, "nuget")), "dotnet", "tool", "install", "nodepools", "--tool-path", tools, "--add-source", packages, "--version", Version);
        var tool = Path.Combine(tools, OperatingSystem.IsWindows() ? "nodepools.exe" : "nodepools");

        Assert.StartsWith(Version, Run(tool, "--version").Trim());
        var fromTool = Run(tool, "plan", "dev", "--dir", Repository.Root, "--no-render", "-o", "json");
        var fromSource = CliRunner.Run("plan", "dev", "--dir", Repository.Root, "--no-render", "-o", "json").Out;
        Assert.Equal(fromSource.Trim(), fromTool.Trim());
    }

    private static string Run(string file, params string[] arguments) => Run(null, file, arguments);

    private static bool IsTestHostVariable(string name) =>
        new[] { "MSBUILD", "MSBuild", "VSTEST", "TESTINGPLATFORM", "XUNIT", "DOTNET_HOST_PATH" }.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));

    private static string Run((string Name, string Value)? variable, string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repository.Root };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // The test host's own variables (the test platform's, MSBuild's) are not the child's business.
        foreach (var inherited in start.Environment.Keys.Where(IsTestHostVariable).ToList())
            start.Environment.Remove(inherited);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        if (variable is var (name, value))
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(8)), $"{file} {string.Join(' ', arguments)} did not finish");
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)} exited {process.ExitCode}\n{output.Result}\n{error.Result}");
        return output.Result;
    }
}
