using Spectre.Console;

namespace NodePools.Cli;

/// <summary>Where a command writes: the report to Out, diagnostics to Error. Tests pass their own writers.</summary>
public sealed class CliContext(TextWriter output, TextWriter error, bool color)
{
    public TextWriter Output { get; } = output;
    public TextWriter Error { get; } = error;

    /// <summary>A Spectre console over Output, coloured only when writing to a terminal that wants colour.</summary>
    public IAnsiConsole Console { get; } = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(output),
        Ansi = color ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = color ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
    });

    /// <summary>Width for reports written to a file or a pipe, where no terminal says how wide to be.</summary>
    public const int RedirectedWidth = 160;

    public static CliContext ForProcess()
    {
        var terminal = !System.Console.IsOutputRedirected;
        var color = terminal && Environment.GetEnvironmentVariable("NO_COLOR") is null;
        var context = new CliContext(System.Console.Out, System.Console.Error, color);
        if (!terminal)
            context.Console.Profile.Width = RedirectedWidth;
        return context;
    }
}
