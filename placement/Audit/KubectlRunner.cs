using System.Diagnostics;
using NodePools.Placement.Input;

namespace NodePools.Placement.Audit;

/// <summary>
/// The one place nodepools runs kubectl: a process with arguments (never a shell), so the user's
/// kubeconfig and its auth plugins (aws eks get-token) work unchanged. Its JSON goes straight to a
/// file, never into memory, for the streaming reader; <c>NODEPOOLS_KUBECTL</c> names another binary.
/// </summary>
public sealed class KubectlRunner(string executable)
{
    private const int MaxErrorChars = 64 * 1024;

    public string Executable { get; } = executable;

    /// <summary>kubectl from NODEPOOLS_KUBECTL or the PATH; null when there is none.</summary>
    public static KubectlRunner? Locate() =>
        Executables.Find("kubectl", "NODEPOOLS_KUBECTL") is { } path ? new KubectlRunner(path) : null;

    /// <summary>The arguments that read a cluster's snapshot: every object an audit reads, of every namespace, as JSON.</summary>
    public static IReadOnlyList<string> SnapshotArguments(string context, string? kubeconfig)
    {
        var arguments = new List<string> { "get", SnapshotReader.KubectlKinds, "--all-namespaces", "--output", "json", "--context", context };
        if (kubeconfig is not null)
            arguments.AddRange(["--kubeconfig", kubeconfig]);
        return arguments;
    }

    /// <summary>Writes the cluster's snapshot to <paramref name="file"/>; a failure is an input error naming the context and kubectl's words.</summary>
    public async Task WriteSnapshotAsync(string context, string? kubeconfig, string file, TimeSpan timeout, CancellationToken cancellation = default)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in SnapshotArguments(context, kubeconfig))
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Executable} did not start");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        var error = ReadBoundedAsync(process.StandardError, deadline.Token);
        try
        {
            await using (var output = File.Create(file))
                await process.StandardOutput.BaseStream.CopyToAsync(output, deadline.Token).ConfigureAwait(false);
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidInputException(new InputError("kubectl", "--context", $"kubectl did not answer within {timeout.TotalSeconds:0} s for context {context}"));
        }
        var words = await error.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidInputException(new InputError("kubectl", "--context",
                $"kubectl could not read context {context} (exit {process.ExitCode}): {string.Join(" ", words.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))}"));
        }
    }

    private static async Task<string> ReadBoundedAsync(StreamReader reader, CancellationToken cancellation)
    {
        var buffer = new char[MaxErrorChars];
        var length = 0;
        var scratch = new char[4096];
        try
        {
            int read;
            while ((read = await reader.ReadAsync(scratch, cancellation).ConfigureAwait(false)) > 0)
            {
                var take = Math.Min(read, MaxErrorChars - length);
                Array.Copy(scratch, 0, buffer, length, take);
                length += take;
            }
        }
        catch (OperationCanceledException)
        {
        }
        return new string(buffer, 0, length);
    }
}
