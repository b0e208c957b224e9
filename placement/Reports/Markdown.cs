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

    public static string SeverityIcon(string severity) => severity switch
    {
        "error" => "🔴 error",
        "warning" => "🟡 warning",
        _ => "🔵 info",
    };
}
