using Spectre.Console;

namespace NodePools.Cli;

/// <summary>Where a command writes: the report to Output, diagnostics to Error. Tests pass their own writers.</summary>
public sealed class CliContext
{
    /// <summary>Width for reports written to a file or a pipe, where no terminal says how wide to be.</summary>
    public const int RedirectedWidth = 160;

    /// <param name="width">Columns to lay tables out in; null lets a terminal say.</param>
    public CliContext(TextWriter output, TextWriter error, bool color, int? width = RedirectedWidth)
    {
        Output = output;
        Error = error;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = color ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = color ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (width is { } columns)
            Console.Profile.Width = columns;
    }

    public TextWriter Output { get; }
    public TextWriter Error { get; }

    /// <summary>A Spectre console over Output, coloured only when writing to a terminal that wants colour.</summary>
    public IAnsiConsole Console { get; }

    public static CliContext ForProcess()
    {
        var terminal = !System.Console.IsOutputRedirected;
        var color = terminal && Environment.GetEnvironmentVariable("NO_COLOR") is null;
        return new CliContext(System.Console.Out, System.Console.Error, color, terminal ? null : RedirectedWidth);
    }
}
