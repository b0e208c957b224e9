using System.Text.Json;
using NodePools.Placement.Rendering;
using NodePools.Tests.Shared;

using static NodePools.Cli.Tests.ChartStack;

namespace NodePools.Cli.Tests;

/// <summary>plan, check and slots rendering tests/charts/fixture with the real helm; skipped with the reason where helm is absent.</summary>
public class RenderCommandTests
{
    private static readonly string Stack = ChartStack.With("fixture", "apps", """
        intent: {pool: services}
        values: {apiKey: x}
        slots:
          - path: global
          - {path: builder, nodeSelector: true, affinity: false}
          - {path: resolver, nodeSelector: true, affinity: false}
          - {path: agent, daemonSet: true}
          - path: migrate
          - path: metrics
          - {path: runtime.default-pod-template, style: pod-template}
        acknowledge:
          - {workload: Deployment/fixture-static, pool: system, reason: no values reach it}
        """);


    [Fact]
    public void Check_renders_the_charts_and_passes_when_every_workload_is_placed()
    {
        RequireHelm();
        var (exit, output, error) = CliRunner.Run("check", "test", "--dir", CliRunner.Project(Stack), "--render", "--charts", Charts);
        Assert.True(exit == 0, output + error);
        Assert.Contains("fixture: rendered 10 workload(s)", error);
        Assert.Contains("Rendered 10 workload(s) of 1 release(s)", output);
    }

    [Fact]
    public void Check_fails_on_a_workload_its_slots_do_not_reach_and_names_the_fix()
    {
        RequireHelm();
        var (exit, output, _) = CliRunner.Run("check", "test", "--dir", CliRunner.Project(Stack.Replace("        - path: metrics\n", "", StringComparison.Ordinal)),
            "--render", "--charts", Charts, "-o", "json");
        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        var finding = json.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("rule").GetString() == "workload-off-pool");
        Assert.Equal("fixture Deployment/fixture-metrics", finding.GetProperty("subject").GetString());
        Assert.Contains("values path metrics", finding.GetProperty("fix").GetString());
    }

    [Fact]
    public void Plan_json_carries_rendered_workloads_acknowledgements_and_final_values()
    {
        RequireHelm();
        var (exit, output, _) = CliRunner.Run("plan", "test", "--dir", CliRunner.Project(Stack), "--render", "--charts", Charts, "-o", "json");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var rendering = json.RootElement.GetProperty("rendering");
        Assert.True(rendering.GetProperty("rendered").GetBoolean());
        var metrics = rendering.GetProperty("workloads").EnumerateArray().Single(w => w.GetProperty("workload").GetString() == "Deployment/fixture-metrics");
        Assert.Equal("placed", metrics.GetProperty("status").GetString());
        Assert.Equal(["services"], metrics.GetProperty("fits").EnumerateArray().Select(p => p.GetString()));
        var release = json.RootElement.GetProperty("releases")[0];
        Assert.Equal("Deployment/fixture-static", release.GetProperty("acknowledgements")[0].GetProperty("workload").GetString());
        Assert.Equal("pool: services", release.GetProperty("intent").GetString());
        Assert.Equal("services", release.GetProperty("values").GetProperty("metrics").GetProperty("affinity").GetProperty("nodeAffinity")
            .GetProperty("requiredDuringSchedulingIgnoredDuringExecution").GetProperty("nodeSelectorTerms")[0].GetProperty("matchExpressions")[0]
            .GetProperty("values")[0].GetString());
    }

    [Fact]
    public void Without_rendering_the_report_says_why()
    {
        var (exit, output, error) = CliRunner.Run("plan", "test", "--dir", CliRunner.Project(Stack), "--no-render", "-o", "json");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var rendering = json.RootElement.GetProperty("rendering");
        Assert.False(rendering.GetProperty("rendered").GetBoolean());
        Assert.Contains("--no-render", rendering.GetProperty("skipped").GetString());
        Assert.DoesNotContain("note:", error);
    }

    [Fact]
    public void Render_options_that_contradict_or_name_a_missing_folder_exit_2()
    {
        var dir = CliRunner.Project(Stack);
        var (exit, _, error) = CliRunner.Run("check", "test", "--dir", dir, "--render", "--no-render");
        Assert.Equal(2, exit);
        Assert.Contains("--render and --no-render contradict each other", error);
        (exit, _, error) = CliRunner.Run("check", "test", "--dir", dir, "--charts", Path.Combine(dir, "missing"));
        Assert.Equal(2, exit);
        Assert.Contains("--charts: no such folder", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void Slots_discovers_the_paths_and_prints_the_slots_to_declare()
    {
        RequireHelm();
        var (exit, output, _) = CliRunner.Run("slots", "test", "fixture", "--dir", CliRunner.Project(Stack), "--charts", Charts, "-o", "json");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        var builder = root.GetProperty("paths").EnumerateArray().Single(p => p.GetProperty("path").GetString() == "builder");
        Assert.Equal(["tolerations", "nodeSelector"], builder.GetProperty("workloads")[0].GetProperty("keys").EnumerateArray().Select(k => k.GetString()));
        var global = root.GetProperty("paths").EnumerateArray().Single(p => p.GetProperty("path").GetString() == "global");
        Assert.Equal(["Deployment/fixture-api", "Deployment/fixture-worker"], global.GetProperty("workloads").EnumerateArray().Select(w => w.GetProperty("workload").GetString()));
        var slots = root.GetProperty("slots").EnumerateArray().ToDictionary(s => s.GetProperty("path").GetString()!);
        Assert.Equal(["Deployment/fixture-api", "Deployment/fixture-worker"], slots["global"].GetProperty("workloads").EnumerateArray().Select(w => w.GetString()));
        Assert.True(slots["builder"].GetProperty("nodeSelector").GetBoolean());
        Assert.False(slots["builder"].GetProperty("affinity").GetBoolean());
        Assert.False(slots["resolver"].GetProperty("affinity").GetBoolean()); // its own nodeAffinity comes after ours
        Assert.True(slots["agent"].GetProperty("daemonSet").GetBoolean());
        Assert.Equal(["Deployment/fixture-static"], root.GetProperty("unreachable").EnumerateArray().Select(w => w.GetString()));
        Assert.Contains("- workload: Deployment/fixture-static\n  pool: system", root.GetProperty("yaml").GetString());
    }

    [Fact]
    public void Slots_of_an_unknown_release_exit_2()
    {
        RequireHelm();
        var (exit, _, error) = CliRunner.Run("slots", "test", "nope", "--dir", CliRunner.Project(Stack), "--charts", Charts);
        Assert.Equal(2, exit);
        Assert.Contains("no release \"nope\" (releases: fixture)", error);
    }

    [Fact]
    public void Diff_shows_where_each_rendered_workload_moves()
    {
        RequireHelm();
        var dir = CliRunner.Project(Stack);
        var baseFile = Path.Combine(dir, "base.yaml");
        File.WriteAllText(baseFile, Stack.Replace("        - path: metrics\n", "", StringComparison.Ordinal));
        var (exit, output, error) = CliRunner.Run("diff", baseFile, "test", "--dir", dir, "--render", "--charts", Charts, "-o", "markdown");
        Assert.True(exit == 0, output + error);
        Assert.Contains("### Where rendered workloads can run", output);
        Assert.Contains("| `fixture` | `Deployment/fixture-metrics` | moved | system | services |", output);
        Assert.DoesNotContain("fixture-api`", output); // it did not move
    }
}
