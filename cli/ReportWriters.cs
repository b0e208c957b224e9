namespace NodePools.Cli;

/// <summary>
/// One report's writers, one per output format it supports: every command picks its format through
/// <see cref="Write"/>, so the choice is written once. A format without a writer falls back to the table.
/// </summary>
internal sealed record ReportWriters(Action Table)
{
    public Action? Markdown { get; init; }
    public Action? Json { get; init; }
    public Action? Summary { get; init; }

    public void Write(OutputFormat format) =>
        (format switch
        {
            OutputFormat.Markdown => Markdown,
            OutputFormat.Json => Json,
            OutputFormat.Summary => Summary,
            _ => null,
        } ?? Table)();
}
