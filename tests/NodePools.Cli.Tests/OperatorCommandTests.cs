using System.Text.Json;
using NodePools.Placement.Rendering;
using NodePools.Tests.Shared;

using static NodePools.Cli.Tests.ChartStack;

namespace NodePools.Cli.Tests;

/// <summary>
/// check and plan on tests/charts/operators with the real helm: the workloads operators make from the
/// custom resources a chart renders fail the check until the resources' spec paths place them.
/// </summary>
public class OperatorCommandTests
{
    private static string Stack(string slots) => ChartStack.With("operators", "monitoring", """
        intent: {pool: services}
        slots:
          - path: operator
          - {path: nodeExporter, daemonSet: true, intent: {pool: [services, system]}}
        """) + slots;

    private const string SpecPaths = "\n        - path: serving.placement\n        - path: prometheus.prometheusSpec\n        - path: alertmanager.alertmanagerSpec";

    private static (int Exit, JsonElement Report) Check(string slots)
    {
        var (exit, output, error) = CliRunner.Run("check", "test", "--dir", CliRunner.Project(Stack(slots)), "--render", "--charts", Charts, "-o", "json");
        Assert.True(exit is 0 or 1, output + error);
        return (exit, JsonDocument.Parse(output).RootElement.Clone());
    }

    private static IEnumerable<(string Rule, string Severity, string Subject)> Findings(JsonElement report) =>
        report.GetProperty("findings").EnumerateArray()
            .Select(f => (f.GetProperty("rule").GetString()!, f.GetProperty("severity").GetString()!, f.GetProperty("subject").GetString()!));

    [Fact]
    public void Check_fails_on_the_operators_workloads_until_the_resources_spec_paths_place_them()
    {
        RequireHelm();
        var (unplaced, before) = Check("");
        Assert.Equal(1, unplaced);
        var offPool = Findings(before).Where(f => f.Rule == "workload-off-pool").Select(f => f.Subject).ToList();
        Assert.Contains("operators StatefulSet/prometheus-operators (from Prometheus/operators)", offPool);
        Assert.Contains("operators StatefulSet/alertmanager-operators (from Alertmanager/operators)", offPool);
        Assert.Contains("operators Deployment/activator (from KnativeServing/operators-serving)", offPool);

        var (placed, after) = Check(SpecPaths);
        Assert.Equal(0, placed);
        Assert.DoesNotContain(Findings(after), f => f.Severity == "error");
        Assert.DoesNotContain(Findings(after), f => f.Rule == "slot-unread");
        Assert.Contains(("operator-workload-unmodelled", "warning", "operators Kafka/operators-kafka"), Findings(after));
    }

    [Fact]
    public void Plan_reports_each_operators_workload_with_the_resource_it_comes_from()
    {
        RequireHelm();
        var (exit, output, error) = CliRunner.Run("plan", "test", "--dir", CliRunner.Project(Stack(SpecPaths)), "--render", "--charts", Charts, "-o", "json");
        Assert.True(exit == 0, output + error);
        var workloads = JsonDocument.Parse(output).RootElement.GetProperty("rendering").GetProperty("workloads").EnumerateArray()
            .ToDictionary(w => w.GetProperty("workload").GetString()!);
        var activator = workloads["Deployment/activator"];
        Assert.Equal("operator (hook: post-install,post-upgrade)", activator.GetProperty("origin").GetString());
        Assert.Equal("KnativeServing/operators-serving", activator.GetProperty("madeFrom").GetString());
        Assert.Equal(1, activator.GetProperty("replicas").GetInt32());
        Assert.Equal(["serving.placement (affinity, tolerations, nodeSelector)"], activator.GetProperty("placedBy").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("placed", workloads["StatefulSet/prometheus-operators"].GetProperty("status").GetString());

        var (_, table, _) = CliRunner.Run("plan", "test", "--dir", CliRunner.Project(Stack(SpecPaths)), "--render", "--charts", Charts);
        Assert.Contains("from Prometheus/operators", table); // under the workload's name
        var (_, markdown, _) = CliRunner.Run("plan", "test", "--dir", CliRunner.Project(Stack(SpecPaths)), "--render", "--charts", Charts, "-o", "markdown");
        Assert.Contains("| `Deployment/activator`<br>from `KnativeServing/operators-serving` | operator (hook: post-install,post-upgrade) |", markdown);
    }
}
