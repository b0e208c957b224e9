using System.Text.RegularExpressions;
using NodePools.Tests.Shared;

namespace NodePools.Placement.Tests.Architecture;

/// <summary>
/// The stages of placement/ in data-flow order (docs/design.md): a stage may use the stages before it,
/// never one after it, so nothing can form a cycle. The test reads every source file's namespace, its
/// using lines and its qualified references (Declaration.SlotStyles) and fails on an edge that points forward.
/// </summary>
public partial class StageOrderTests
{
    public static readonly string[] Stages =
    [
        "Kubernetes", "Kubernetes.Validation", "Input", "Facts", "Scheduling", "Models", "Manifests", "Explaining",
        "Declaration", "Planning", "Patching", "Rendering", "Workloads", "Verdicts", "Deployment", "Checks", "Review", "Discovery",
        "Audit", "Pipeline", "Reports",
    ];

    private const string Root = "NodePools.Placement.";

    [GeneratedRegex(@"^namespace\s+NodePools\.Placement\.([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"^using\s+(?:static\s+)?NodePools\.Placement\.([\w.]+?)(?:\.[A-Z]\w*)?\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingLine();

    [GeneratedRegex(@"(?<![\w.])NodePools\.Placement\.([A-Z][\w]*(?:\.Validation)?)\.|(?<![\w.])([A-Z]\w*)\.([A-Z]\w*)")]
    private static partial Regex QualifiedReference();

    [GeneratedRegex(@"//.*$|""(?:[^""\\]|\\.)*""", RegexOptions.Multiline)]
    private static partial Regex CommentsAndStrings();

    /// <summary>Every source file of placement/: its stage and its text.</summary>
    private static IEnumerable<(string File, string Stage, string Text)> Sources() =>
        Directory.EnumerateFiles(Repository.Path("placement"), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                           && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(file => (File: file, Text: File.ReadAllText(file)))
            .Select(source => (source.File, Stage: NamespaceLine().Match(source.Text) is { Success: true } match ? match.Groups[1].Value : "", source.Text));

    /// <summary>The types each stage declares, so a bare "Declaration.SlotStyles" is read as a reference to that stage.</summary>
    private static Dictionary<string, HashSet<string>> DeclaredTypes() =>
        Sources().GroupBy(source => source.Stage).ToDictionary(
            group => group.Key,
            group => group.SelectMany(source => TypeDeclaration().Matches(source.Text).Select(match => match.Groups[1].Value)).ToHashSet(StringComparer.Ordinal));

    [GeneratedRegex(@"^(?:public|internal)\s+(?:(?:sealed|static|abstract|partial|readonly)\s+)*(?:record struct|record|class|enum|interface|struct)\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();

    /// <summary>Every stage each file uses, through a using line or a qualified name.</summary>
    public static IEnumerable<(string File, string From, string To)> Edges()
    {
        var types = DeclaredTypes();
        foreach (var (file, stage, text) in Sources())
        {
            var code = CommentsAndStrings().Replace(text, "");
            var used = UsingLine().Matches(code).Select(match => match.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            foreach (Match match in QualifiedReference().Matches(code))
            {
                if (match.Groups[1].Success)
                    used.Add(match.Groups[1].Value);
                else if (types.TryGetValue(match.Groups[2].Value, out var declared) && declared.Contains(match.Groups[3].Value))
                    used.Add(match.Groups[2].Value);
            }
            foreach (var target in used.Where(target => target != stage))
                yield return (Path.GetRelativePath(Repository.Root, file), stage, target);
        }
    }

    [Fact]
    public void Every_namespace_of_placement_is_a_stage_in_the_order()
    {
        var unknown = Sources().Select(source => source.Stage).Distinct().Where(stage => !Stages.Contains(stage)).ToList();
        Assert.True(unknown.Count == 0, $"namespaces missing from the stage order: {string.Join(", ", unknown)} (add them to Stages and to docs/design.md)");
    }

    [Fact]
    public void No_stage_uses_a_later_stage()
    {
        var forward = Edges()
            .Where(edge => Array.IndexOf(Stages, edge.To) > Array.IndexOf(Stages, edge.From))
            .Select(edge => $"{edge.File}: {edge.From} uses the later stage {edge.To}")
            .Distinct()
            .ToList();
        Assert.True(forward.Count == 0, string.Join("\n", forward));
    }

    [Fact]
    public void The_reader_finds_the_edges_it_must_find()
    {
        // Guards the test itself: these edges exist and must be seen, by using line and by qualified name.
        var edges = Edges().Select(edge => (edge.From, edge.To)).ToHashSet();
        Assert.Contains(("Pipeline", "Checks"), edges);
        Assert.Contains(("Checks", "Verdicts"), edges);
        Assert.Contains(("Declaration", "Models"), edges);
    }
}
