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

    /// <summary>Standard input (`postrender` reads manifests from it); empty unless given.</summary>
    public TextReader Input { get; init; } = TextReader.Null;

    /// <summary>The raw standard output, for reports streamed as UTF-8 bytes; null writes through <see cref="Output"/>.</summary>
    public Stream? RawOutput { get; init; }

    /// <summary>A stream onto the report output: the raw one when there is one, else one that writes through Output.</summary>
    public Stream OutputStream()
    {
        if (RawOutput is { } raw)
        {
            Output.Flush();
            return raw;
        }
        return new TextWriterStream(Output);
    }

    /// <summary>UTF-8 bytes written through a TextWriter (tests capture output as text).</summary>
    private sealed class TextWriterStream(TextWriter writer) : Stream
    {
        private readonly System.Text.Decoder _decoder = System.Text.Encoding.UTF8.GetDecoder();

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var chars = new char[_decoder.GetCharCount(buffer, flush: false)];
            _decoder.GetChars(buffer, chars, flush: false);
            writer.Write(chars);
        }

        public override void Flush() => writer.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
    public TextWriter Error { get; }

    /// <summary>A Spectre console over Output, coloured only when writing to a terminal that wants colour.</summary>
    public IAnsiConsole Console { get; }

    public static CliContext ForProcess()
    {
        var terminal = !System.Console.IsOutputRedirected;
        var color = terminal && Environment.GetEnvironmentVariable("NO_COLOR") is null;
        return new CliContext(System.Console.Out, System.Console.Error, color, terminal ? null : RedirectedWidth)
        {
            RawOutput = System.Console.OpenStandardOutput(),
            Input = new StreamReader(System.Console.OpenStandardInput(), new System.Text.UTF8Encoding(false)),
        };
    }
}
