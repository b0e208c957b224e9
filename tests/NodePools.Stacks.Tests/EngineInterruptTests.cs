using System.Diagnostics;

namespace NodePools.Stacks.Tests;

/// <summary>
/// An interrupt during an engine operation: the engine is asked to cancel once (by the terminal, or
/// forwarded when it did not see it), and only a second interrupt stops it at once.
/// </summary>
public class EngineInterruptTests
{
    public static TheoryData<string, int, bool, int, bool, InterruptOutcome> Cases => new()
    {
        // name, interrupts, engine acknowledges, forwarded, terminated, outcome
        { "a terminal's Ctrl+C reaches the engine itself: nothing forwarded", 1, true, 0, false, InterruptOutcome.Cancelled },
        { "only the driver was signalled (CI): forwarded once", 1, false, 1, false, InterruptOutcome.Cancelled },
        { "a second interrupt stops the engine at once", 2, true, 0, true, InterruptOutcome.Terminated },
        { "a second interrupt before the wait ends: stopped, never a forwarded second interrupt", 2, false, 0, true, InterruptOutcome.Terminated },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Interrupts_cancel_the_engine_once_and_terminate_it_on_the_second(string name, int interrupts, bool acknowledges,
        int expectedForwards, bool expectTerminated, InterruptOutcome expected)
    {
        var forwards = 0;
        var terminated = false;
        var log = new StringWriter();
        using var interrupt = new EngineInterrupt(log, () => ++forwards, () => terminated = true);

        var wait = TimeSpan.FromMilliseconds(300);
        var first = interrupt.OnSignalAsync(wait);
        if (acknowledges)
            interrupt.OnEngineOutput("^C received; cancelling. If you would like to terminate immediately, press ^C again.");
        for (var i = 1; i < interrupts; i++)
            await interrupt.OnSignalAsync(wait);
        await first;

        Assert.True(expectedForwards == forwards, $"{name}: forwarded {forwards} times");
        Assert.True(expectTerminated == terminated, $"{name}: terminated {terminated}");
        Assert.Equal(expected, interrupt.Outcome);
    }

    [Fact]
    public async Task The_engines_SIGTERM_acknowledgement_counts_too()
    {
        var forwards = 0;
        using var interrupt = new EngineInterrupt(TextWriter.Null, () => ++forwards, () => { });
        var signal = interrupt.OnSignalAsync(TimeSpan.FromSeconds(30));
        interrupt.OnEngineOutput("\u001b[38;5;9mSIGTERM received; cancelling. If you would like to terminate immediately, send SIGTERM again.");
        await signal.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken); // the acknowledgement ends the 30 s wait
        Assert.Equal(0, forwards);
    }

    [Theory]
    [InlineData(InterruptOutcome.Cancelled, "not locked", "nodepools-stacks preview prod")]
    [InlineData(InterruptOutcome.Terminated, "pulumi cancel --stack prod", "pulumi refresh --stack prod")]
    public void After_an_interrupt_the_next_steps_fit_how_the_engine_stopped(InterruptOutcome outcome, string expected, string alsoExpected)
    {
        var steps = EngineInterrupt.NextSteps(outcome, "prod");
        Assert.Contains(expected, steps);
        Assert.Contains(alsoExpected, steps);
        if (outcome == InterruptOutcome.Cancelled)
            Assert.DoesNotContain("pulumi cancel", steps); // a graceful cancel holds no lock to break
    }

    [Theory]
    [InlineData("4242 (pulumi) S 17 4242 17 0", "pulumi", 17)]
    [InlineData("99 (my (odd) name) R 1 99 1 0", "my (odd) name", 1)]
    [InlineData("7 (sh) Z 1", "sh", 1)]
    public void Proc_stat_lines_give_the_command_and_parent(string stat, string command, int parent) =>
        Assert.Equal((command, parent), EngineProcesses.ParseStat(stat));

    [Theory]
    [InlineData("")]
    [InlineData("4242 pulumi S 17")]
    [InlineData("4242 (pulumi) S")]
    [InlineData("4242 (pulumi) S x")]
    public void Malformed_proc_stat_lines_give_nothing(string stat) => Assert.Null(EngineProcesses.ParseStat(stat));

    [Fact]
    public async Task A_forwarded_interrupt_reaches_a_child_process_that_handles_it()
    {
        if (!OperatingSystem.IsLinux())
            Assert.Skip("children are found through /proc, on Linux only");
        if (InterruptIgnored())
            Assert.Skip("this test process ignores SIGINT (started as a background job without job control), and a shell cannot trap a signal ignored when it started");
        // A shell child that exits 42 on SIGINT, so the exit code shows the signal arrived and was handled.
        using var child = Process.Start(new ProcessStartInfo("sh", ["-c", "trap 'exit 42' INT; echo ready; while :; do sleep 0.05; done"])
        {
            RedirectStandardOutput = true,
        })!;
        Assert.Equal("ready", await child.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken));
        Assert.Contains(child.Id, EngineProcesses.Children(Environment.ProcessId, "sh"));

        Assert.True(EngineProcesses.Interrupt("sh") >= 1);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        await child.WaitForExitAsync(timeout.Token);
        Assert.Equal(42, child.ExitCode);
    }

    /// <summary>Whether SIGINT (bit 1 of /proc/self/status's SigIgn mask) is ignored, as children inherit it.</summary>
    private static bool InterruptIgnored() =>
        File.ReadLines("/proc/self/status").FirstOrDefault(line => line.StartsWith("SigIgn:", StringComparison.Ordinal)) is { } line
        && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & 0x2) != 0;
}
