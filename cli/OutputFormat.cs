using System.CommandLine;

namespace NodePools.Cli;

public enum OutputFormat { Table, Markdown, Json, Summary }

/// <summary>The --output option, limited to the formats a command supports.</summary>
public static class OutputOption
{
    public static Option<string> Create(params OutputFormat[] formats)
    {
        var names = formats.Select(format => format.ToString().ToLowerInvariant()).ToArray();
        var option = new Option<string>("--output", "-o")
        {
            Description = $"Report format: {string.Join(", ", names)}.",
            DefaultValueFactory = _ => names[0],
        };
        option.AcceptOnlyFromAmong(names);
        return option;
    }

    public static OutputFormat Parse(string value) => value switch
    {
        "markdown" => OutputFormat.Markdown,
        "json" => OutputFormat.Json,
        "summary" => OutputFormat.Summary,
        _ => OutputFormat.Table,
    };
}
