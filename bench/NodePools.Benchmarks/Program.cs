using System.Diagnostics;
using BenchmarkDotNet.Running;
using NodePools.Benchmarks;

// `--measure OUTPUT NODES PODS` is one explain measurement, run as a child process by the quick report.
if (args.Length == 4 && args[0] == "--measure")
    return ExplainBenchmarks.Measure(args[1], args[2], args[3]);

// `--measure-audit SNAPSHOT` is the audit measurement, run as a child process by the quick report.
if (args.Length == 2 && args[0] == "--measure-audit")
    return AuditBenchmarks.Measure(args[1]);

// `--profile-audit SNAPSHOT`: where the audit's time and memory go, phase by phase (README: Benchmarks).
if (args.Length == 2 && args[0] == "--profile-audit")
    return AuditBenchmarks.Profile(args[1]);

// `--check-summary NODES PODS`: the summary's counts against the direct evaluation, run as a child process by the quick report.
if (args.Length == 3 && args[0] == "--check-summary")
{
    var (checkedPods, differences) = SummaryExactness.Check(args[1], args[2], stride: 50);
    foreach (var difference in differences.Take(10))
        Console.Error.WriteLine(difference);
    Console.WriteLine(FormattableString.Invariant($"{checkedPods} {differences.Count}"));
    return differences.Count == 0 ? 0 : 1;
}

// `--generate DIR`: the realistic clusters of the summary and audit targets (nodes.json, pods.json; snapshot.json), to try explain and audit on.
if (args.Length == 2 && args[0] == "--generate")
{
    ClusterFiles.WriteNodes(Path.Combine(args[1], "nodes.json"), 5_000);
    ClusterFiles.WritePods(Path.Combine(args[1], "pods.json"), 150_000, 5_000, templates: 300, daemonSets: true);
    var snapshot = AuditSnapshot.Write(Path.Combine(args[1], "snapshot.json"), AuditBenchmarks.Plan(), AuditBenchmarks.TargetNodes, AuditBenchmarks.TargetPods);
    Console.WriteLine($"snapshot.json: {snapshot.Nodes:N0} nodes, {snapshot.Pods:N0} pods, {snapshot.Controllers:N0} controllers, {snapshot.Bytes / (1024.0 * 1024):N0} MiB; planted:");
    foreach (var plant in snapshot.Planted)
        Console.WriteLine($"  {plant}");
    return 0;
}

// `--audit`: only the audit target of the quick report.
if (args.Length == 1 && args[0] == "--audit")
{
    var auditMet = AuditBenchmarks.Report();
    Console.WriteLine(auditMet ? "targets met" : "TARGETS MISSED");
    return auditMet ? 0 : 1;
}

// `--full` runs the BenchmarkDotNet suite; the default is a quick report against the targets.
if (args.Contains("--full"))
{
    BenchmarkSwitcher.FromAssembly(typeof(SchedulingBenchmarks).Assembly).Run(args.Where(a => a != "--full").ToArray());
    return 0;
}

const double TargetPairsPerSecond = 5_000_000;
const long TargetPeakBytes = 200L * 1024 * 1024;

var benchmark = new SchedulingBenchmarks();
var setup = Stopwatch.StartNew();
benchmark.Setup();
setup.Stop();
benchmark.EvaluateAllPairs(); // warm-up: tiered JIT

const long Pairs = (long)SchedulingBenchmarks.NodeCount * SchedulingBenchmarks.PodCount;
var best = double.MaxValue;
long fits = 0;
for (var run = 0; run < 5; run++)
{
    var watch = Stopwatch.StartNew();
    fits = benchmark.EvaluateAllPairs();
    best = Math.Min(best, watch.Elapsed.TotalSeconds);
}

var rate = Pairs / best;
var peak = Process.GetCurrentProcess().PeakWorkingSet64;
Console.WriteLine($"{SchedulingBenchmarks.NodeCount:N0} nodes × {SchedulingBenchmarks.PodCount:N0} pod templates = {Pairs:N0} pair checks, {fits:N0} fit");
Console.WriteLine($"setup (generate + compile): {setup.Elapsed.TotalMilliseconds:N0} ms");
Console.WriteLine($"evaluation, one thread, best of 5: {best * 1000:N0} ms = {rate / 1e6:N1} million pair checks/s (target ≥ {TargetPairsPerSecond / 1e6:N0} million)");
Console.WriteLine($"peak working set: {peak / (1024.0 * 1024):N0} MB (target ≤ {TargetPeakBytes / (1024 * 1024)} MB)");
var met = rate >= TargetPairsPerSecond && peak <= TargetPeakBytes;

// explain end to end on generated `kubectl get -o json` files, each measurement in its own process.
var files = Directory.CreateTempSubdirectory("nodepools-explain-").FullName;
try
{
    var (pairNodes, pairPods) = (Path.Combine(files, "pair-nodes.json"), Path.Combine(files, "pair-pods.json"));
    ClusterFiles.WriteNodes(pairNodes, 1_000);
    ClusterFiles.WritePods(pairPods, 5_000, 1_000, templates: 300, daemonSets: false);
    var pairs = ExplainBenchmarks.InChildProcess("pairs", pairNodes, pairPods);
    var pairRate = 5_000_000 / pairs.Seconds;
    Console.WriteLine($"explain --output json, 1,000 nodes × 5,000 pods = 5,000,000 pairs end to end: {pairs.Seconds:N1} s = {pairRate / 1e6:N1} million pairs/s "
                      + $"(target ≥ {ExplainBenchmarks.TargetPairsPerSecond / 1e6:N0} million), peak {pairs.PeakBytes / (1024.0 * 1024):N0} MiB (target ≤ {ExplainBenchmarks.TargetPairsPeakBytes / (1024 * 1024)} MiB)");
    met &= pairRate >= ExplainBenchmarks.TargetPairsPerSecond && pairs.PeakBytes <= ExplainBenchmarks.TargetPairsPeakBytes;

    var (clusterNodes, clusterPods) = (Path.Combine(files, "nodes.json"), Path.Combine(files, "pods.json"));
    ClusterFiles.WriteNodes(clusterNodes, 5_000);
    ClusterFiles.WritePods(clusterPods, 150_000, 5_000, templates: 300, daemonSets: true);
    var summary = ExplainBenchmarks.InChildProcess("summary", clusterNodes, clusterPods);
    Console.WriteLine($"explain --output summary, 5,000 nodes × 150,000 pods ({new FileInfo(clusterPods).Length / (1024 * 1024):N0} MiB of pods, 15,000 of them DaemonSet pods) end to end: "
                      + $"{summary.Seconds:N1} s (target ≤ {ExplainBenchmarks.TargetSummarySeconds:N0} s), peak {summary.PeakBytes / (1024.0 * 1024):N0} MiB (target ≤ {ExplainBenchmarks.TargetSummaryPeakBytes / (1024 * 1024)} MiB)");
    met &= summary.Seconds <= ExplainBenchmarks.TargetSummarySeconds && summary.PeakBytes <= ExplainBenchmarks.TargetSummaryPeakBytes;

    // Exactness, not speed: the same snapshot's summaries against the direct evaluation, pod by pod.
    var watchExact = Stopwatch.StartNew();
    var exact = ExplainBenchmarks.ChildProcessLine(["--check-summary", clusterNodes, clusterPods]);
    var (checkedPods, differing) = (int.Parse(exact[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(exact[1], System.Globalization.CultureInfo.InvariantCulture));
    Console.WriteLine($"explain --output summary against the direct evaluation on the same 5,000 nodes: {checkedPods:N0} pods ({checkedPods * 5_000L:N0} pairs) checked, "
                      + $"{differing} differ (target 0) in {watchExact.Elapsed.TotalSeconds:N0} s");
    met &= differing == 0 && checkedPods > 0;
}
finally
{
    Directory.Delete(files, recursive: true);
}

// audit on a snapshot of the prod stack at scale, in its own process.
met &= AuditBenchmarks.Report();

// Rendering the prod stack with its charts at hand: best of 3, after one warm-up run.
if (RenderingBenchmarks.Unavailable() is { } reason)
{
    Console.WriteLine($"rendering prod: not measured: {reason}");
}
else
{
    var rendering = new RenderingBenchmarks();
    rendering.Setup();
    var workloads = rendering.RenderProd();
    var bestRender = double.MaxValue;
    for (var run = 0; run < 3; run++)
    {
        var watch = Stopwatch.StartNew();
        workloads = rendering.RenderProd();
        bestRender = Math.Min(bestRender, watch.Elapsed.TotalSeconds);
    }
    Console.WriteLine($"rendering prod ({workloads} workloads, {Environment.ProcessorCount} cores), best of 3: {bestRender:N1} s (target ≤ {RenderingBenchmarks.TargetSeconds:N0} s)");
    met &= bestRender <= RenderingBenchmarks.TargetSeconds && workloads > 0;
}
Console.WriteLine(met ? "targets met" : "TARGETS MISSED");
return met ? 0 : 1;
