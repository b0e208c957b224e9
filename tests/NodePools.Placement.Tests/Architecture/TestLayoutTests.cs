using System.Text.RegularExpressions;
using NodePools.Tests.Shared;

namespace NodePools.Placement.Tests.Architecture;

/// <summary>The tests mirror placement/: a folder per stage, one test class per file, named after it.</summary>
public partial class TestLayoutTests
{
    private static readonly string Root = Repository.Path("tests", "NodePools.Placement.Tests");

    [GeneratedRegex(@"^(?:public|internal)\s+(?:(?:sealed|static|abstract|partial)\s+)*(?:class|record)\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();

    private static IEnumerable<string> Sources() =>
        Directory.EnumerateFiles(Root, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                           && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [Fact]
    public void Every_test_folder_is_a_stage_of_placement()
    {
        var folders = Sources().Select(file => Path.GetRelativePath(Root, Path.GetDirectoryName(file)!))
            .Where(folder => folder != ".")
            .Select(folder => folder.Replace(Path.DirectorySeparatorChar, '.'))
            .Distinct();
        Assert.All(folders, folder => Assert.True(folder == "Architecture" || StageOrderTests.Stages.Contains(folder),
            $"tests/NodePools.Placement.Tests/{folder} mirrors no stage of placement/ ({string.Join(", ", StageOrderTests.Stages)})"));
    }

    [Fact]
    public void Each_file_holds_one_class_named_after_it()
    {
        Assert.All(Sources(), file =>
        {
            var types = TypeDeclaration().Matches(File.ReadAllText(file)).Select(match => match.Groups[1].Value).ToList();
            Assert.True(types.Count == 1 && types[0] == Path.GetFileNameWithoutExtension(file),
                $"{Path.GetRelativePath(Root, file)} declares {string.Join(", ", types)}");
        });
    }
}
