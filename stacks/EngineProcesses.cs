using System.Runtime.InteropServices;

namespace NodePools.Stacks;

/// <summary>The engine processes the Automation API started: this process's children of a given name.</summary>
public static class EngineProcesses
{
    public const string PulumiName = "pulumi";
    private const int SigInt = 2; // the same number on Linux and macOS

    /// <summary>Sends SIGINT to this process's children named <paramref name="name"/>; returns how many were signalled.</summary>
    public static int Interrupt(string name)
    {
        var signalled = 0;
        foreach (var pid in Children(Environment.ProcessId, name))
            if (kill(pid, SigInt) == 0)
                signalled++;
        return signalled;
    }

    /// <summary>
    /// Children of <paramref name="parent"/> whose command name is <paramref name="name"/>, from /proc
    /// (Linux). Elsewhere none are found: on macOS and Windows a terminal's interrupt reaches the engine itself.
    /// </summary>
    public static IReadOnlyList<int> Children(int parent, string name)
    {
        if (!Directory.Exists("/proc"))
            return [];
        var children = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
                continue;
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (IOException)
            {
                continue; // the process ended while we looked
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }
            if (ParseStat(stat) is { } entry && entry.ParentId == parent && entry.Command == name)
                children.Add(pid);
        }
        return children;
    }

    /// <summary>
    /// The command and parent id of a /proc/PID/stat line: "PID (COMMAND) STATE PPID ...". The command may
    /// itself hold spaces and parentheses, so it ends at the last ')'.
    /// </summary>
    public static (string Command, int ParentId)? ParseStat(string stat)
    {
        var open = stat.IndexOf('(');
        var close = stat.LastIndexOf(')');
        if (open < 0 || close < open)
            return null;
        var rest = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return rest.Length >= 2 && int.TryParse(rest[1], out var parent) ? (stat[(open + 1)..close], parent) : null;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
