using System.Diagnostics;
using NodePools.Placement.Deployment;
using NodePools.Placement.Patching;
using NodePools.Placement.Pipeline;
using NodePools.Placement.Rendering;
using NodePools.Tests.Shared;

using static NodePools.Cli.Tests.ChartStack;

namespace NodePools.Cli.Tests;

/// <summary>
/// `nodepools postrender`, Helm's post-renderer for a release with patches: manifests on standard
/// input, the patched manifests on standard output — the same text the check renders, because both
/// call the same function.
/// </summary>
public class PostrenderCommandTests
{
    private static readonly string Stack = ChartStack.With("fixture", "apps", """
        intent: {pool: services}
        values: {apiKey: x}
        slots:
          - path: global
        patches:
          - {target: {kind: Deployment, name: fixture-static}, intent: {pool: services}}
          - {target: {kind: Deployment, name: fixture-worker}, path: spec.template.metadata, patch: {labels: {team: workers}}}
        """);

    private const string Manifests = """
        ---
        # Source: fixture/templates/deployment-static.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: fixture-static
        spec:
          template:
            spec:
              containers:
                - {name: static, image: busybox}
        ---
        # Source: fixture/templates/secret.yaml
        apiVersion: v1
        kind: Secret
        metadata:
          name: fixture-api
        stringData:
          apiKey: "x"
        """;

    /// <summary>The patch file the Pulumi layer writes for the stack's release, and that release's plan.</summary>
    private static (string File, Placement.Planning.ReleasePlan Release) PatchFileOf(string stack)
    {
        var release = StackPipeline.PlanFromDirectory(CliRunner.Project(stack), "test").Releases.Single();
        var file = CliRunner.TempFile(PostRenderer.For(release)!.PatchesJson, ".json");
        return (file, release);
    }

    [Fact]
    public void The_patch_file_and_the_stack_give_the_output_of_the_check_paths_function()
    {
        var (file, release) = PatchFileOf(Stack);
        var expected = ManifestPatcher.Apply(Manifests, "apps", release.Patches, HookHandling.PassThrough).Output;

        var fromFile = CliRunner.RunWithInput(Manifests, "postrender", "--patches", file);
        var fromStack = CliRunner.RunWithInput(Manifests, "postrender", "test", "fixture", "--dir", CliRunner.Project(Stack));

        Assert.Equal((0, expected), (fromFile.Exit, fromFile.Out));
        Assert.Equal((0, expected), (fromStack.Exit, fromStack.Out));
        Assert.Contains("key: role", expected, StringComparison.Ordinal);
        Assert.Contains("note: patch 2 (Deployment/fixture-worker) matches no object", fromFile.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_json_shows_each_patch_as_its_post_renderer_applies_it()
    {
        var (exit, output, _) = CliRunner.Run("plan", "test", "--dir", CliRunner.Project(Stack), "--no-render", "-o", "json");
        Assert.Equal(0, exit);
        var patches = System.Text.Json.JsonDocument.Parse(output).RootElement.GetProperty("releases")[0].GetProperty("patches");
        Assert.Equal(2, patches.GetArrayLength());
        Assert.Equal(("Deployment/fixture-static", "spec.template.spec"), (patches[0].GetProperty("target").GetString(), patches[0].GetProperty("path").GetString()));
        Assert.Equal("role", patches[0].GetProperty("merge").GetProperty("tolerations")[0].GetProperty("key").GetString());
        Assert.Equal("workers", patches[1].GetProperty("merge").GetProperty("labels").GetProperty("team").GetString());
    }

    [Fact]
    public void Slots_needs_no_acknowledgement_for_a_workload_a_patch_places()
    {
        Assert.SkipWhen(HelmRunner.Locate() is null, "helm is not on PATH: slots renders the fixture chart with the real helm");
        var (exit, output, _) = CliRunner.Run("slots", "test", "fixture", "--dir", CliRunner.Project(Stack), "--charts", Charts, "-o", "json");
        Assert.Equal(0, exit);
        var root = System.Text.Json.JsonDocument.Parse(output).RootElement;
        Assert.Equal(0, root.GetProperty("unreachable").GetArrayLength()); // fixture-static, which no values path reaches, is patched
        Assert.DoesNotContain("acknowledge", root.GetProperty("yaml").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string[], string> Refused => new()
    {
        // description, arguments, message
        { "neither a file nor a stack", ["postrender"], "takes --patches FILE, or STACK and RELEASE" },
        { "a stack without a release", ["postrender", "test"], "takes --patches FILE, or STACK and RELEASE" },
        { "both", ["postrender", "test", "fixture", "--patches", "p.json"], "not both" },
        { "a missing file", ["postrender", "--patches", "/nonexistent/p.json"], "/nonexistent/p.json: file not found" },
        { "an unknown release", ["postrender", "test", "nope", "--dir", "{dir}"], "no release \"nope\" (releases: fixture)" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Usage_and_input_errors_exit_2_with_the_reason_and_write_nothing(string description, string[] arguments, string message)
    {
        var dir = CliRunner.Project(Stack);
        var (exit, output, error) = CliRunner.RunWithInput(Manifests, [.. arguments.Select(a => a.Replace("{dir}", dir, StringComparison.Ordinal))]);
        Assert.True(exit == 2 && error.Contains(message, StringComparison.Ordinal), $"{description}: exit {exit}, {error}");
        Assert.Equal("", output);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_patch_that_cannot_be_applied_fails_the_install_with_the_reason()
    {
        var (file, _) = PatchFileOf(Stack.Replace("path: spec.template.metadata", "path: spec.template.spec.containers.first", StringComparison.Ordinal)
            .Replace("fixture-worker", "fixture-static", StringComparison.Ordinal));
        var (exit, output, error) = CliRunner.RunWithInput(Manifests, "postrender", "--patches", file);
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("error: patch 2 (Deployment/fixture-static): Deployment/fixture-static: at spec.template.spec.containers.first, "
                        + "spec.template.spec.containers is a list, not a mapping", error, StringComparison.Ordinal);
    }

    /// <summary>
    /// What Helm does when Pulumi installs the release: it runs the script the program wrote, with no
    /// arguments and the rendered manifests on standard input. Its output is exactly what the check read.
    /// </summary>
    [Fact]
    public async Task The_script_Helm_runs_writes_what_the_check_rendered()
    {
        Assert.SkipWhen(HelmRunner.Locate() is null, "helm is not on PATH: this test renders the fixture chart with the real helm");
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the post-renderer script is a POSIX shell script");
        var cancellation = TestContext.Current.CancellationToken;
        var plan = StackPipeline.PlanFromDirectory(CliRunner.Project(Stack), "test");
        var release = plan.Releases.Single();
        using var gate = new SemaphoreSlim(2);
        var renderer = new ReleaseRenderer(HelmRunner.Locate()!, new RenderOptions { ChartsDirectory = Charts, Markers = false }, gate);
        var (prepared, failure) = await renderer.PrepareAsync(release, plan.Declaration.Cluster.Version, cancellation);
        Assert.True(prepared is not null, failure?.Message);
        var helmTemplate = await renderer.HelmTemplateAsync(release.Spec, prepared.Chart, release.Values, plan.Declaration.Cluster.Version, cancellation);

        var root = Directory.CreateTempSubdirectory("nodepools-postrender-").FullName;
        var postRenderer = PostRenderer.For(release)!;
        Directory.CreateDirectory(Path.Combine(root, PostRenderer.Directory));
        File.WriteAllText(Path.Combine(root, postRenderer.PatchesPath), postRenderer.PatchesJson);
        File.WriteAllText(Path.Combine(root, postRenderer.ScriptPath), postRenderer.Script);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(Path.Combine(root, postRenderer.ScriptPath), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        // As Helm runs it: the relative path from the working directory Pulumi gives the provider, no arguments.
        var start = new ProcessStartInfo(Path.Combine(root, postRenderer.ScriptPath))
        {
            WorkingDirectory = root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment[PostRenderer.EnvironmentVariable] = $"dotnet {Path.Combine(AppContext.BaseDirectory, "nodepools.dll")}";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellation);
        var error = process.StandardError.ReadToEndAsync(cancellation);
        await process.StandardInput.WriteAsync(helmTemplate.Output);
        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellation);

        Assert.True(process.ExitCode == 0, await error);
        Assert.Equal(prepared.Output, await output);
        Assert.NotEqual(helmTemplate.Output, prepared.Output);
        Assert.Equal(["Deployment/fixture-static"], prepared.Patches[0].Applied);
    }

    /// <summary>
    /// Helm 4 takes a post-renderer as a postrenderer/v1 plugin: one whose command runs `nodepools
    /// postrender` with the plugin's arguments (the README's plugin). Helm 4 sends hooks too; they stay
    /// as rendered, so the objects equal the check's (Helm writes them again, so the text may differ).
    /// </summary>
    [Fact]
    public async Task Helm_4_with_the_nodepools_plugin_installs_the_objects_the_check_read()
    {
        Assert.SkipWhen(HelmRunner.Locate() is not { } helm || !((await helm.VersionAsync(TestContext.Current.CancellationToken))?.StartsWith("v4", StringComparison.Ordinal) ?? false),
            "Helm 4 is not on PATH: post-renderer plugins are Helm 4's");
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the plugin's command is a POSIX shell script");
        var cancellation = TestContext.Current.CancellationToken;
        var dir = CliRunner.Project(Stack);
        var plan = StackPipeline.PlanFromDirectory(dir, "test");
        var release = plan.Releases.Single();
        using var gate = new SemaphoreSlim(2);
        var renderer = new ReleaseRenderer(HelmRunner.Locate()!, new RenderOptions { ChartsDirectory = Charts, Markers = false }, gate);
        var (prepared, failure) = await renderer.PrepareAsync(release, plan.Declaration.Cluster.Version, cancellation);
        Assert.True(prepared is not null, failure?.Message);

        var home = Directory.CreateTempSubdirectory("nodepools-helm4-").FullName;
        var plugin = Directory.CreateDirectory(Path.Combine(home, "plugins", "nodepools")).FullName;
        File.WriteAllText(Path.Combine(plugin, "plugin.yaml"), """
            apiVersion: v1
            type: postrenderer/v1
            name: nodepools
            version: 0.5.0
            runtime: subprocess
            runtimeConfig:
              platformCommand:
                - command: ${HELM_PLUGIN_DIR}/postrender.sh
            """);
        File.WriteAllText(Path.Combine(plugin, "postrender.sh"), "#!/bin/sh\nexec ${NODEPOOLS:-nodepools} postrender \"$@\"\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(Path.Combine(plugin, "postrender.sh"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var values = CliRunner.TempFile(release.Values.ToJsonString(), ".json");

        var start = new ProcessStartInfo(HelmRunner.Locate()!.Executable)
        {
            ArgumentList =
            {
                "template", release.Name, prepared.Chart.Path, "--namespace", release.Spec.Namespace, "--kube-version", "v1.33.0", "--values", values,
                "--post-renderer", "nodepools", "--post-renderer-args", "test", "--post-renderer-args", "fixture", "--post-renderer-args", "--dir", "--post-renderer-args", dir,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, folder) in new[] { ("HELM_PLUGINS", "plugins"), ("HELM_DATA_HOME", "data"), ("HELM_CONFIG_HOME", "config"), ("HELM_CACHE_HOME", "cache") })
            start.Environment[name] = Path.Combine(home, folder);
        start.Environment[PostRenderer.EnvironmentVariable] = $"dotnet {Path.Combine(AppContext.BaseDirectory, "nodepools.dll")}";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellation);
        var error = process.StandardError.ReadToEndAsync(cancellation);
        await process.WaitForExitAsync(cancellation);
        Assert.True(process.ExitCode == 0, await error);

        // Helm writes the objects again (key order, comments), so they are compared as objects.
        static List<System.Text.Json.Nodes.JsonObject> Objects(string manifests) => [.. Placement.Input.LenientYaml.Parse(manifests)
            .Select(document => document.Root).OfType<System.Text.Json.Nodes.JsonObject>()
            .OrderBy(root => $"{root["kind"]}/{root["metadata"]?["name"]}", StringComparer.Ordinal)];
        var (expected, installed) = (Objects(prepared.Output), Objects(await output));
        Assert.Equal(expected.Count, installed.Count);
        Assert.All(expected.Zip(installed), pair => Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(pair.First, pair.Second),
            $"{pair.First.ToJsonString()}\n{pair.Second.ToJsonString()}"));
        Assert.Equal(["Deployment/fixture-static"], prepared.Patches[0].Applied);
    }
}
