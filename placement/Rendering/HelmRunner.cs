using System.Diagnostics;
using System.Text;
using NodePools.Placement.Input;

namespace NodePools.Placement.Rendering;

/// <summary>What one helm invocation printed, and how it ended.</summary>
public sealed record HelmResult(int ExitCode, string Output, string Error, bool TimedOut)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut;

    /// <summary>helm's own message, without its "Error: " prefix, on one paragraph.</summary>
    public string Message => TimedOut
        ? "helm did not finish in time"
        : string.Join(" ", Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith("WARNING:", StringComparison.Ordinal)
                           && !line.StartsWith("walk.go", StringComparison.Ordinal)
                           && !line.StartsWith("level=", StringComparison.Ordinal)))
            .Replace("Error: ", "", StringComparison.Ordinal)
            .Trim() is { Length: > 0 } text ? text : $"helm exited with code {ExitCode}";
}

/// <summary>
/// The one place nodepools runs helm: a process with arguments (never a shell), its output captured
/// and bounded, ended when it takes too long. <c>NODEPOOLS_HELM</c> names another binary.
/// </summary>
public sealed class HelmRunner(string executable)
{
    /// <summary>Rendered output larger than this is refused rather than held in memory.</summary>
    public const int MaxOutputChars = 64 * 1024 * 1024;

    public string Executable { get; } = executable;

    /// <summary>helm from NODEPOOLS_HELM or the PATH; null when there is none.</summary>
    public static HelmRunner? Locate() =>
        Executables.Find("helm", "NODEPOOLS_HELM") is { } path ? new HelmRunner(path) : null;

    /// <summary>"v3.16.2", or null when helm does not answer.</summary>
    public async Task<string?> VersionAsync(CancellationToken cancellation = default)
    {
        var result = await RunAsync(["version", "--short"], TimeSpan.FromSeconds(30), cancellation).ConfigureAwait(false);
        return result.Succeeded ? result.Output.Trim().Split('+')[0] : null;
    }

    public async Task<HelmResult> RunAsync(IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellation = default)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        using var process = new Process { StartInfo = start };
        var output = new BoundedText(MaxOutputChars);
        var error = new BoundedText(1024 * 1024);
        process.OutputDataReceived += (_, e) => output.Append(e.Data);
        process.ErrorDataReceived += (_, e) => error.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellation.ThrowIfCancellationRequested();
            return new HelmResult(-1, "", error.ToString(), TimedOut: true);
        }
        process.WaitForExit(); // drains the asynchronous readers
        if (output.Overflowed)
            return new HelmResult(1, "", $"Error: helm printed more than {MaxOutputChars / (1024 * 1024)} MiB: refused", false);
        return new HelmResult(process.ExitCode, output.ToString(), error.ToString(), false);
    }

    private sealed class BoundedText(int limit)
    {
        private readonly StringBuilder _text = new();

        public bool Overflowed { get; private set; }

        public void Append(string? line)
        {
            if (line is null)
                return;
            lock (_text)
            {
                if (_text.Length + line.Length + 1 > limit)
                {
                    Overflowed = true;
                    return;
                }
                _text.Append(line).Append('\n');
            }
        }

        public override string ToString()
        {
            lock (_text)
                return _text.ToString();
        }
    }
}
