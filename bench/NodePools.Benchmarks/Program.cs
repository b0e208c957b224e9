using System.Diagnostics;
using BenchmarkDotNet.Running;
using NodePools.Benchmarks;

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
