using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using NodePools.Placement.Audit;
using NodePools.Placement.Checks;
using NodePools.Placement.Pipeline;
using NodePools.Placement.Planning;
using NodePools.Tests.Shared;

namespace NodePools.Benchmarks;

/// <summary>
/// `nodepools audit` on a snapshot of a large cluster running the prod stack (<see cref="AuditSnapshot"/>):
/// reading the snapshot and auditing it against the stack, without rendering (as audit runs without
/// charts). Target: 5,000 nodes and 150,000 pods in at most 10 s and 1 GiB peak working set, measured
/// in a process of its own so the peak is the audit's.
/// </summary>
[MemoryDiagnoser]
public class AuditBenchmarks
{
    public const int TargetNodes = 5_000;
    public const int TargetPods = 150_000;
    public const double TargetSeconds = 10;
    public const long TargetPeakBytes = 1024L * 1024 * 1024;

    private StackPlan? _plan;
    private string _snapshot = "";

    /// <summary>The suite audits a tenth of the target cluster: 500 nodes, 15,000 pods.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _plan = Plan();
        _snapshot = Path.Combine(Directory.CreateTempSubdirectory("nodepools-audit-bench-").FullName, "snapshot.json");
        AuditSnapshot.Write(_snapshot, _plan, TargetNodes / 10, TargetPods / 10);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(Path.GetDirectoryName(_snapshot)!, recursive: true);

    [Benchmark]
    public int ReadAndAudit() => Run(_plan!, _snapshot).Findings.Count;

    public static StackPlan Plan() => StackPipeline.PlanFromDirectory(Repository.Root, "prod");

    /// <summary>One audit: read the snapshot, audit it against the plan.</summary>
    public static AuditResult Run(StackPlan plan, string snapshotFile, TextWriter? phases = null)
    {
        var watch = Stopwatch.StartNew();
        var snapshot = SnapshotReader.Read([snapshotFile]);
        phases?.WriteLine($"  read {watch.ElapsedMilliseconds} ms: {snapshot.Nodes.Count} nodes, {snapshot.Pods.Count} pods, {snapshot.Controllers.Count} controllers, "
                          + $"managed heap {GC.GetTotalMemory(false) / (1024 * 1024)} MiB, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB");
        var result = ClusterAudit.Run(plan, null, snapshot);
        phases?.WriteLine($"  audited {watch.ElapsedMilliseconds} ms: {result.Findings.Count} findings, mapping {result.Mapping}");
        return result;
    }

    /// <summary>What the child measured.</summary>
    public sealed record Measurement(double Seconds, long PeakBytes, int Nodes, int Pods, int Errors, int Warnings, int Infos, string Rules);

    /// <summary>Audits <paramref name="snapshotFile"/> in a child process (this program with --measure-audit).</summary>
    public static Measurement InChildProcess(string snapshotFile)
    {
        var words = ExplainBenchmarks.ChildProcessLine(["--measure-audit", snapshotFile]);
        if (words.Length < 8)
            throw new InvalidOperationException($"the audit measurement failed: {string.Join(' ', words)}");
        int Int(int i) => int.Parse(words[i], CultureInfo.InvariantCulture);
        return new Measurement(double.Parse(words[0], CultureInfo.InvariantCulture), long.Parse(words[1], CultureInfo.InvariantCulture),
            Int(2), Int(3), Int(4), Int(5), Int(6), words[7]);
    }

    /// <summary>The child's side: load the plan (not timed), then time reading and auditing; print "seconds peak nodes pods errors warnings infos rule=count,...".</summary>
    public static int Measure(string snapshotFile)
    {
        var plan = Plan();
        var watch = Stopwatch.StartNew();
        var result = Run(plan, snapshotFile, Console.Error);
        var seconds = watch.Elapsed.TotalSeconds;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        foreach (var finding in result.Findings)
            Console.Error.WriteLine($"    {finding.Finding.Severity} {finding.Finding.Rule} {finding.Finding.Subject}: {Shorten(finding.Finding.Message)}");
        var rules = string.Join(',', result.Findings.GroupBy(f => f.Finding.Rule).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}"));
        var nodes = result.Pools.Sum(pool => pool.Nodes) + result.UnpooledNodes;
        var pods = result.Mapping.Rendered + result.Mapping.HelmLabels + result.Mapping.RuntimeTemplates + result.Mapping.Addons + result.Mapping.Unmatched;
        Console.WriteLine(FormattableString.Invariant(
            $"{seconds} {peak} {nodes} {pods} {Count(result, Severity.Error)} {Count(result, Severity.Warning)} {Count(result, Severity.Info)} {(rules.Length == 0 ? "none" : rules)}"));
        return 0;
    }

    /// <summary>
    /// Where an audit's time and memory go, in this process: reading the file's bytes, tokenizing them
    /// (the least any JSON reader does), SnapshotReader.Read, joining pods to workloads and nodes to pools
    /// (AuditContext), and ClusterAudit.Run (the join again, then the rules), with the GC's share.
    /// </summary>
    public static int Profile(string snapshotFile)
    {
        var plan = Plan();
        var size = new FileInfo(snapshotFile).Length;
        void Line(string what, Stopwatch watch, long allocatedBefore, TimeSpan pauseBefore, int[] collectionsBefore) =>
            Console.WriteLine($"{what,-28} {watch.Elapsed.TotalSeconds,6:N2} s  allocated {(GC.GetTotalAllocatedBytes() - allocatedBefore) / (1024.0 * 1024),7:N0} MiB  "
                              + $"GC pauses {(GC.GetTotalPauseDuration() - pauseBefore).TotalSeconds,5:N2} s  collections gen0/1/2 {GC.CollectionCount(0) - collectionsBefore[0]}/{GC.CollectionCount(1) - collectionsBefore[1]}/{GC.CollectionCount(2) - collectionsBefore[2]}  "
                              + $"heap {GC.GetTotalMemory(false) / (1024.0 * 1024),5:N0} MiB  peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024),5:N0} MiB");
        (Stopwatch, long, TimeSpan, int[]) Start() => (Stopwatch.StartNew(), GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration(), [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)]);

        Console.WriteLine($"{snapshotFile}: {size / (1024.0 * 1024):N0} MiB, {Environment.ProcessorCount} cores, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC");
        var buffer = new byte[1 << 20];
        var (watch, allocated, pause, collections) = Start();
        using (var stream = new FileStream(snapshotFile, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
        {
            while (stream.Read(buffer, 0, buffer.Length) > 0)
            {
            }
        }
        Line("read the bytes", watch, allocated, pause, collections);

        (watch, allocated, pause, collections) = Start();
        long tokens = 0, whitespace = 0;
        using (var stream = new FileStream(snapshotFile, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
        {
            var state = new System.Text.Json.JsonReaderState();
            var left = 0;
            while (true)
            {
                var read = stream.Read(buffer, left, buffer.Length - left);
                var final = read == 0;
                var reader = new System.Text.Json.Utf8JsonReader(buffer.AsSpan(0, left + read), final, state);
                while (reader.Read())
                    tokens++;
                whitespace += buffer.AsSpan(left, read).Count((byte)' ');
                state = reader.CurrentState;
                var consumed = (int)reader.BytesConsumed;
                left = left + read - consumed;
                Buffer.BlockCopy(buffer, consumed, buffer, 0, left);
                if (final)
                    break;
            }
        }
        Line($"tokenize ({tokens / 1e6:N0} M tokens)", watch, allocated, pause, collections);
        Console.WriteLine($"  {whitespace / (double)size:P0} of the file is indentation spaces");

        (watch, allocated, pause, collections) = Start();
        var snapshot = SnapshotReader.Read([snapshotFile]);
        Line("SnapshotReader.Read", watch, allocated, pause, collections);

        (watch, allocated, pause, collections) = Start();
        var context = new AuditContext(plan, snapshot, WorkloadHomes.Build(plan, null));
        Line("AuditContext (the join)", watch, allocated, pause, collections);
        GC.KeepAlive(context);

        (watch, allocated, pause, collections) = Start();
        var result = ClusterAudit.Run(plan, null, snapshot);
        Line("ClusterAudit.Run", watch, allocated, pause, collections);
        Console.WriteLine($"  {result.Findings.Count} findings");
        GC.KeepAlive(snapshot);
        return 0;
    }

    private static int Count(AuditResult result, Severity severity) => result.Findings.Count(f => f.Finding.Severity == severity);

    private static string Shorten(string message) => message.Length <= 160 ? message : message[..157] + "...";

    /// <summary>The quick report's audit part: generate the snapshot (not timed), audit it in a child process, print against the targets.</summary>
    public static bool Report()
    {
        var directory = Directory.CreateTempSubdirectory("nodepools-audit-").FullName;
        try
        {
            var file = Path.Combine(directory, "snapshot.json");
            var generate = Stopwatch.StartNew();
            var stats = AuditSnapshot.Write(file, Plan(), TargetNodes, TargetPods);
            Console.WriteLine($"audit snapshot: {stats.Nodes:N0} nodes, {stats.Pods:N0} pods, {stats.Controllers:N0} controllers, {stats.Bytes / (1024.0 * 1024):N0} MiB of kubectl -o json "
                              + $"(written in {generate.Elapsed.TotalSeconds:N0} s, not timed); planted:");
            foreach (var plant in stats.Planted)
                Console.WriteLine($"  {plant}");
            var audit = InChildProcess(file);
            Console.WriteLine($"audit prod, {audit.Nodes:N0} nodes × {stats.Pods:N0} pods ({audit.Pods:N0} not completed) end to end (read + audit, one process): {audit.Seconds:N1} s (target ≤ {TargetSeconds:N0} s), "
                              + $"peak {audit.PeakBytes / (1024.0 * 1024):N0} MiB (target ≤ {TargetPeakBytes / (1024 * 1024):N0} MiB); "
                              + $"{audit.Errors + audit.Warnings + audit.Infos} findings ({audit.Errors} errors, {audit.Warnings} warnings, {audit.Infos} info: {audit.Rules})");
            return audit.Seconds <= TargetSeconds && audit.PeakBytes <= TargetPeakBytes
                   && audit.Nodes == TargetNodes && audit.Pods > 0 && audit.Errors + audit.Warnings > 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
