using NodePools.Tests.Shared;
using NodePools.Placement.Declaration;
using NodePools.Placement.Input;
using NodePools.Placement.Manifests;
using NodePools.Placement.Planning;
using NodePools.Placement.Scheduling;
using NodePools.Placement.Explaining;
using NodePools.Placement.Pipeline;

namespace NodePools.Placement.Tests.Declaration;

/// <summary>
/// Thousands of mutated stack files: each one is either a valid plan or refused with located
/// messages. Nothing else may come out: no other exception, no half-built plan.
/// </summary>
public class FuzzTests
{
    private static readonly string[] Tokens =
    [
        "", "~", "null", "-1", "0", "1.5", "1e999", "true", "NoScheduled", "NO_EXECUTE", "Exists", "{", "}", "[", "]", ": x", "- y",
        "a/b/c", "kubernetes.io/x", "\"\"", "'", "&anchor", "*anchor", "!!binary x", "{a: 1}", "[1, 2]", new string('x', 300), "ümlaut", "\t",
        // shapes that once crashed: self-referencing aliases, nesting past any limit, merge keys, duplicate keys in flow style
        "&self [1, *self]", new string('[', 400) + new string(']', 400), "{<<: {a: 1}, a: 2}", "{k: 1, k: 2}", "{\"k\": 1, \"k\": 2}",
    ];

    private static readonly string[] Seeds =
    [
        File.ReadAllText(Repository.Path("Pulumi.dev.yaml")),
        File.ReadAllText(Repository.Path("Pulumi.prod.yaml")),
        File.ReadAllText(Repository.Path("examples", "arcgis", "Pulumi.scenarios.yaml")),
    ];

    public static TheoryData<int> Batches => new(Enumerable.Range(0, 8));

    [Theory]
    [MemberData(nameof(Batches))]
    public void Mutated_stack_files_give_a_plan_or_located_errors_never_a_crash(int batch)
    {
        var random = new Random(batch);
        var plans = 0;
        var refusals = 0;
        for (var i = 0; i < 500; i++)
        {
            var seed = Seeds[random.Next(Seeds.Length)];
            // One in eight in JSON syntax, where duplicate keys and depth are read by another parser.
            var text = i % 8 == 0 ? MutateJson(seed, random) : Mutate(seed, random);
            try
            {
                var documents = StructuredText.Parse("Pulumi.fuzz.yaml", text);
                if (documents.Count != 1)
                    continue;
                var plan = StackPipeline.Check(StackPlanner.Plan(DeclarationParser.FromStackFile("node-pools", "fuzz", documents[0])));
                Assert.Equal(plan.Pools.Count * plan.Slots.Count(), plan.Slots.Sum(s => s.Verdicts.Count));
                plans++;
            }
            catch (InvalidInputException ex)
            {
                Assert.NotEmpty(ex.Errors);
                Assert.All(ex.Errors, error =>
                {
                    Assert.Equal("Pulumi.fuzz.yaml", error.File);
                    Assert.False(string.IsNullOrWhiteSpace(error.Message));
                });
                refusals++;
            }
        }
        Assert.True(plans > 0 && refusals > 0, $"the mutations should produce both outcomes ({plans} plans, {refusals} refusals)");
    }

    [Theory]
    [MemberData(nameof(Batches))]
    public void Mutated_manifests_are_explained_or_refused_never_a_crash(int batch)
    {
        var nodes = File.ReadAllText(Repository.Path("examples", "explain", "nodes.yaml"));
        var pods = File.ReadAllText(Repository.Path("examples", "explain", "pods.yaml"));
        var random = new Random(1000 + batch);
        for (var i = 0; i < 300; i++)
        {
            try
            {
                var nodeSet = ManifestReader.ReadNodes(StructuredText.Parse("nodes.yaml", Mutate(nodes, random)));
                var podSet = ManifestReader.ReadPods(StructuredText.Parse("pods.yaml", Mutate(pods, random)));
                var pairs = Explainer.Explain(nodeSet.Items, podSet.Items, SchedulingOptions.Eks);
                Assert.Equal(nodeSet.Items.Count * podSet.Items.Count, pairs.Count);
            }
            catch (InvalidInputException ex)
            {
                Assert.All(ex.Errors, error => Assert.False(string.IsNullOrWhiteSpace(error.Message)));
            }
        }
    }

    /// <summary>The stack as JSON, with a key written twice or a value nested deep, somewhere.</summary>
    private static string MutateJson(string yaml, Random random)
    {
        var json = StructuredText.Parse("seed.yaml", yaml)[0].Root!.ToJsonString();
        var at = json.IndexOf('{', random.Next(json.Length / 2)) is var brace and >= 0 ? brace + 1 : 1;
        return random.Next(3) switch
        {
            0 => json.Insert(at, "\"k\": 1, \"k\": 2, "),
            1 => json.Insert(at, $"\"deep\": {new string('[', 300)}{new string(']', 300)}, "),
            _ => json.Insert(at, "\"\": \"\", "),
        };
    }

    private static string Mutate(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        for (var count = random.Next(1, 4); count > 0; count--)
        {
            var index = random.Next(lines.Count);
            switch (random.Next(6))
            {
                case 0:
                    lines.RemoveAt(index);
                    break;
                case 1:
                    lines.Insert(index, lines[random.Next(lines.Count)]);
                    break;
                case 2:
                    var colon = lines[index].IndexOf(": ", StringComparison.Ordinal);
                    if (colon > 0)
                        lines[index] = lines[index][..(colon + 2)] + Tokens[random.Next(Tokens.Length)];
                    break;
                case 3:
                    lines[index] = new string(' ', random.Next(0, 9)) + lines[index].TrimStart();
                    break;
                case 4:
                    var line = lines[index];
                    if (line.Length > 0)
                        lines[index] = line.Insert(random.Next(line.Length), Tokens[random.Next(Tokens.Length)]);
                    break;
                default:
                    lines = lines.Take(random.Next(1, lines.Count + 1)).ToList();
                    break;
            }
            if (lines.Count == 0)
                lines.Add("");
        }
        return string.Join('\n', lines);
    }
}
