using System.Text.Json;
using NodePools.Placement.Checks;
using NodePools.Tests.Shared;

namespace NodePools.Cli.Tests;

/// <summary>`nodepools rules`: the catalogue, and the README's table kept equal to it.</summary>
public class RulesCommandTests
{
    [Fact]
    public void The_readme_table_is_the_catalogue()
    {
        var (exit, markdown, _) = CliRunner.Run("rules", "-o", "markdown");
        Assert.Equal(0, exit);
        var readme = File.ReadAllText(Repository.Path("README.md"));
        var begin = readme.IndexOf("<!-- rules:begin -->\n", StringComparison.Ordinal) + "<!-- rules:begin -->\n".Length;
        var end = readme.IndexOf("<!-- rules:end -->", StringComparison.Ordinal);
        Assert.True(begin > 0 && end > begin, "README.md has no rules:begin/rules:end markers");
        Assert.Equal(markdown.ReplaceLineEndings("\n"), readme[begin..end].ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Json_lists_every_rule_with_its_stage_and_severity()
    {
        var (exit, output, _) = CliRunner.Run("rules", "-o", "json");
        Assert.Equal(0, exit);
        var rules = JsonDocument.Parse(output).RootElement.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(Rules.All.Select(rule => rule.Id), rules.Select(rule => rule.GetProperty("id").GetString()));
        Assert.Equal("rendered", rules.Single(rule => rule.GetProperty("id").GetString() == "workload-off-pool").GetProperty("stage").GetString());
    }

    [Fact]
    public void One_rule_by_id_and_an_unknown_id_is_invalid_input()
    {
        var (exit, output, _) = CliRunner.Run("rules", "coredns-unhosted");
        Assert.Equal(0, exit);
        Assert.Contains("CoreDNS", output);
        Assert.DoesNotContain("pending", output);

        var (unknown, _, error) = CliRunner.Run("rules", "no-such-rule");
        Assert.Equal(2, unknown);
        Assert.Contains("no rule \"no-such-rule\"", error);
    }
}
