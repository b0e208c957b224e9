using NodePools.Placement.Rendering;
using NodePools.Tests.Shared;

namespace NodePools.Cli.Tests;

/// <summary>
/// A stack file for the commands' tests: a tainted services pool, a system pool, and one release of a
/// chart under tests/charts, rendered with the real helm (skipped with the reason where there is none).
/// </summary>
internal static class ChartStack
{
    public static string Charts { get; } = Repository.Path("tests", "charts");

    private const string Pools = """
        config:
          node-pools:cluster: {name: t, version: "1.33", availabilityZones: [us-east-1a, us-east-1b], autoscaler: false}
          node-pools:pools:
            services:
              instanceTypes: [m6i.large]
              scaling: {min: 1, max: 3}
              labels: {role: services}
              taints: [{key: role, value: services, effect: NoSchedule}]
            system:
              instanceTypes: [m6i.large]
              scaling: {min: 1, max: 3}
              labels: {role: system}
          node-pools:releases:

        """;

    /// <summary>The stack file with the release CHART (repository, version 0.1.0, namespace) and <paramref name="body"/>, its other keys, written from column 0.</summary>
    public static string With(string chart, string @namespace, string body) =>
        Pools + $"""
                {chart}:
                  chart: {chart}
                  repository: https://charts.example.com/{chart}
                  version: 0.1.0
                  namespace: {@namespace}

            """ + string.Join("\n", body.Split('\n').Select(line => line.Length == 0 ? line : "      " + line));

    public static void RequireHelm() =>
        Assert.SkipWhen(HelmRunner.Locate() is null, "helm is not on PATH: these tests render a chart with the real helm");
}
