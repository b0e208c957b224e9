using System.Runtime.InteropServices;

namespace NodePools.Stacks;

/// <summary>
/// Ctrl+C (SIGINT) or SIGTERM during an engine operation, handled the way the pulumi CLI handles it:
/// the first asks the engine to cancel — it lets the operations in flight finish, saves the state and
/// releases the lock — and the second stops at once. Killing the engine process instead (what
/// cancelling the Automation API's token does) leaves pending operations and a held lock.
/// </summary>
/// <remarks>
/// In a terminal the engine is in the driver's process group and gets the interrupt itself. Where only
/// the driver is signalled (a CI runner, `kill -INT`), the engine has not acknowledged within
/// <see cref="AcknowledgeWait"/> and the interrupt is forwarded to it: never twice, since a second
/// interrupt would make the engine terminate.
/// </remarks>
public sealed class EngineInterrupt(TextWriter log, Func<int> forwardToEngine, Action terminate) : IDisposable
{
    /// <summary>How long the engine has to show it saw the interrupt itself before it is forwarded.</summary>
    public static readonly TimeSpan AcknowledgeWait = TimeSpan.FromSeconds(2);

    private readonly TaskCompletionSource _acknowledged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _signals;

    public InterruptOutcome Outcome => Volatile.Read(ref _signals) switch
    {
        0 => InterruptOutcome.None,
        1 => InterruptOutcome.Cancelled,
        _ => InterruptOutcome.Terminated,
    };

    /// <summary>Handles SIGINT and SIGTERM until disposed; the engine is found among this process's children.</summary>
    public static EngineInterrupt Listen(TextWriter log, Action terminate)
    {
        var interrupt = new EngineInterrupt(log, () => EngineProcesses.Interrupt(EngineProcesses.PulumiName), terminate);
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            interrupt._registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true; // the driver stays to report; the engine decides when the operation ends
                _ = interrupt.OnSignalAsync(AcknowledgeWait);
            }));
        }
        return interrupt;
    }

    /// <summary>Every line the engine prints: its own acknowledgement of an interrupt is looked for there.</summary>
    public void OnEngineOutput(string line)
    {
        // "^C received; cancelling." or "SIGTERM received; cancelling." (pkg/backend/display cancellation scope)
        if (line.Contains("received; cancelling", StringComparison.Ordinal))
            _acknowledged.TrySetResult();
    }

    public async Task OnSignalAsync(TimeSpan acknowledgeWait)
    {
        if (Interlocked.Increment(ref _signals) > 1)
        {
            log.WriteLine("Interrupted again: stopping the engine at once.");
            terminate();
            return;
        }

        log.WriteLine("Interrupted: the engine finishes the operations in flight, saves the state and releases the lock. " +
                      "Interrupt again to stop at once (that leaves pending operations).");
        var acknowledged = await Task.WhenAny(_acknowledged.Task, Task.Delay(acknowledgeWait)) == _acknowledged.Task;
        if (acknowledged || Outcome != InterruptOutcome.Cancelled)
            return;
        var forwarded = forwardToEngine();
        log.WriteLine(forwarded > 0
            ? "The engine did not get the interrupt itself: forwarded it."
            : "The engine process was not found to forward the interrupt to; interrupt again to stop at once.");
    }

    /// <summary>What to do after an interrupted operation, for the stack it ran on.</summary>
    public static string NextSteps(InterruptOutcome outcome, string stack) => outcome switch
    {
        InterruptOutcome.Cancelled =>
            $"The operation on stack {stack} was cancelled. The engine finished the operations in flight and saved the state, " +
            "so the stack is not locked. Next: `nodepools-stacks preview " + stack + "` to see what is left, then `up` to finish it.",
        InterruptOutcome.Terminated =>
            $"The engine was stopped at once: operations in flight on stack {stack} may be left pending in its state, and the stack may stay locked. Next:\n" +
            $"  1. `pulumi cancel --stack {stack}` (Pulumi Cloud), only when no update of it is still running; on a self-managed backend, remove the stack's lock under .pulumi/locks/\n" +
            $"  2. `pulumi refresh --stack {stack}` to read the real state back; it lists pending creates to import or clear (--import-pending-creates, --clear-pending-creates)\n" +
            $"  3. `nodepools-stacks preview {stack}`, then `up` again",
        _ => "",
    };

    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
    }
}

public enum InterruptOutcome
{
    None,
    /// <summary>One interrupt: the engine cancelled gracefully.</summary>
    Cancelled,
    /// <summary>Two or more: the engine was stopped at once.</summary>
    Terminated,
}
