using NodePools.Placement.Checks;
namespace NodePools.Placement.Reports;

/// <summary>Small helpers for GitHub-flavoured Markdown tables.</summary>
public static class Markdown
{
    public static string Cell(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal);

    public static string Code(string text) => text.Length == 0 ? "" : $"`{text.Replace("`", "'", StringComparison.Ordinal)}`";

    public static string Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var lines = new List<string>
        {
            "| " + string.Join(" | ", headers) + " |",
            "|" + string.Join("|", headers.Select(_ => " --- ")) + "|",
        };
        lines.AddRange(rows.Select(row => "| " + string.Join(" | ", row) + " |"));
        return string.Join("\n", lines) + "\n";
    }

    /// <summary>Findings as a table: severity, rule, subject, the finding, and the fix (or safe order).</summary>
    public static string FindingsTable(IEnumerable<FindingReport> findings, string findingHeader = "finding", string fixHeader = "fix") =>
        Table(["severity", "rule", "subject", findingHeader, fixHeader],
            findings.Select(f => (IReadOnlyList<string>)[SeverityIcon(f.Severity), Code(f.Rule), Code(f.Subject), Cell(f.Message), Cell(f.Fix ?? "")]));

    public static string SeverityIcon(string severity) => severity switch
    {
        "error" => "🔴 error",
        "warning" => "🟡 warning",
        _ => "🔵 info",
    };
}
