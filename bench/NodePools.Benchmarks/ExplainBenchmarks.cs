using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using NodePools.Placement.Explaining;
using NodePools.Placement.Manifests;
using NodePools.Placement.Scheduling;

namespace NodePools.Benchmarks;

/// <summary>
/// `nodepools explain` end to end on generated `-o json` files: reading, evaluating by class, and
/// writing every pair (to a null stream) or one summary per pod. Each measurement runs in a process
/// of its own, so its peak working set is its own.
/// </summary>
[MemoryDiagnoser]
public class ExplainBenchmarks
{
    public const double TargetPairsPerSecond = 2_000_000;
    public const long TargetPairsPeakBytes = 100L * 1024 * 1024;
    public const double TargetSummarySeconds = 10;
    public const long TargetSummaryPeakBytes = 1024L * 1024 * 1024;

    private string _nodes = "";
    private string _pods = "";

    [GlobalSetup]
    public void Setup()
    {
        var directory = Directory.CreateTempSubdirectory("nodepools-explain-bench-").FullName;
        (_nodes, _pods) = (Path.Combine(directory, "nodes.json"), Path.Combine(directory, "pods.json"));
        ClusterFiles.WriteNodes(_nodes, 1_000);
        ClusterFiles.WritePods(_pods, 5_000, 1_000, templates: 300, daemonSets: false);
    }

    [Benchmark]
    public void PairsJson() => Run("pairs", _nodes, _pods);

    [Benchmark]
    public void Summary() => Run("summary", _nodes, _pods);

    /// <summary>One measurement: read both files, evaluate, write the output to a null stream.</summary>
    public static void Run(string output, string nodesFile, string podsFile, TextWriter? phases = null)
    {
        var watch = Stopwatch.StartNew();
        // As explain does: both files at once.
        var readingNodes = Task.Run(() => ManifestReader.ReadNodes(nodesFile).Items);
        var pods = ManifestReader.ReadPods(podsFile).Items;
        var nodes = readingNodes.GetAwaiter().GetResult();
        phases?.WriteLine($"read nodes and pods {watch.ElapsedMilliseconds} ms");
        var matrix = ExplainMatrix.Build(nodes, pods, SchedulingOptions.Eks);
        phases?.WriteLine($"classes {watch.ElapsedMilliseconds} ms: {matrix.PodClassCount} pod classes, {matrix.NodeClassCount} node classes");
        if (output == "pairs")
            ExplainJson.WritePairs(Stream.Null, matrix);
        else
            ExplainJson.WriteSummaries(Stream.Null, matrix);
        phases?.WriteLine($"written {watch.ElapsedMilliseconds} ms");
    }

    /// <summary>Runs one measurement in a child process (this program with --measure) and reads back seconds and peak bytes.</summary>
    public static (double Seconds, long PeakBytes) InChildProcess(string output, string nodesFile, string podsFile)
    {
        var line = ChildProcessLine(["--measure", output, nodesFile, podsFile]);
        return (double.Parse(line[0], System.Globalization.CultureInfo.InvariantCulture), long.Parse(line[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Runs this program with <paramref name="arguments"/> in a child process; returns the words of what it printed.</summary>
    public static string[] ChildProcessLine(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        // Run as `dotnet NodePools.Benchmarks.dll`, the host needs the assembly; as the apphost, it does not.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            start.ArgumentList.Add(typeof(ExplainBenchmarks).Assembly.Location);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var line = process.StandardOutput.ReadToEnd().Trim().Split(' ');
        process.WaitForExit();
        return line;
    }

    /// <summary>The child's side: measure, then print "seconds peak-bytes".</summary>
    public static int Measure(string output, string nodesFile, string podsFile)
    {
        var watch = Stopwatch.StartNew();
        Run(output, nodesFile, podsFile, Console.Error);
        var seconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine(FormattableString.Invariant($"{seconds} {Process.GetCurrentProcess().PeakWorkingSet64}"));
        return 0;
    }
}
