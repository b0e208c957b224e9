using NodePools.Placement.Declaration;
using NodePools.Placement.Input;
using NodePools.Placement.Pipeline;
using NodePools.Placement.Planning;

namespace NodePools.Placement.Tests;

/// <summary>Small stack files built in the tests: a base of pools, plus whatever each test adds or breaks.</summary>
internal static class StackText
{
    public const string Project = "node-pools";

    /// <summary>A minimal valid stack: a services pool and a tainted GPU pool, no releases.</summary>
    public const string BasePools = """
          node-pools:pools:
            services:
              instanceTypes: [m6i.large]
              scaling: {min: 1, desired: 1, max: 3}
              labels: {union.ai/node-role: services}
              taints: [{key: union.ai/node-role, value: services, effect: NoSchedule}]
            gpu:
              instanceTypes: [g5.xlarge]
              amiType: AL2023_x86_64_NVIDIA
              scaling: {min: 0, desired: 0, max: 2}
              labels: {gpu: "true"}
              taints: [{key: workload, value: high-resource, effect: NoSchedule}]
            system:
              instanceTypes: [m6i.large]
              scaling: {min: 1, desired: 2, max: 3}
              labels: {role: system}
        """;

    /// <summary>One m6i.large pool of one node labelled pool: NAME, with the taints given (a YAML list), to follow "  node-pools:pools:".</summary>
    public static string Pool(string name, string taints) => $"""
            {name}:
              instanceTypes: [m6i.large]
              scaling: {"{min: 1, desired: 1, max: 2}"}
              labels: {"{"}pool: {name}{"}"}
              taints: {taints}

        """;

    /// <summary>The cluster line that turns the Cluster Autoscaler off.</summary>
    public const string NoAutoscaler = "autoscaler: false";

    /// <param name="cluster">Extra lines of the cluster mapping, e.g. <see cref="NoAutoscaler"/>.</param>
    /// <summary>Test stacks run no Cluster Autoscaler unless they say so (it is a release of its own).</summary>
    public static string File(string body, bool withCluster = true, string cluster = NoAutoscaler) =>
        "config:\n  aws:region: us-east-1\n"
        + (withCluster ? "  node-pools:cluster:\n    name: test\n    version: \"1.33\"\n    availabilityZones: [us-east-1a, us-east-1b]\n" + Indent(cluster, 4) : "")
        + body.TrimEnd() + "\n";

    public static StackDeclaration Parse(string body, bool withCluster = true, string cluster = NoAutoscaler) =>
        DeclarationParser.FromStackFile(Project, "test", StructuredText.Parse("Pulumi.test.yaml", File(body, withCluster, cluster))[0]);

    public static StackPlan Plan(string body, string cluster = NoAutoscaler) => StackPlanner.Plan(Parse(body, cluster: cluster));

    /// <summary>The plan, every slot's verdicts and the declaration's findings, as `nodepools check --no-render` has them.</summary>
    public static StackAnalysis Check(string body, string cluster = NoAutoscaler) => StackPipeline.Check(Plan(body, cluster));

    public static IReadOnlyList<InputError> Errors(string body, bool withCluster = true) =>
        Assert.Throws<InvalidInputException>(() => Parse(body, withCluster)).Errors;

    /// <summary>Indents a release or template block under its config key.</summary>
    public static string Releases(string yaml) => "  node-pools:releases:\n" + Indent(yaml, 4);

    public static string Templates(string yaml) => "  node-pools:podTemplates:\n" + Indent(yaml, 4);

    public static string Indent(string yaml, int spaces) => yaml.Trim().Length == 0 ? "" :
        string.Join("\n", yaml.TrimEnd().Split('\n').Select(line => line.Length == 0 ? line : new string(' ', spaces) + line)) + "\n";
}
