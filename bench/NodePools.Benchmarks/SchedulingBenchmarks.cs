using BenchmarkDotNet.Attributes;
using NodePools.Placement.Scheduling;

namespace NodePools.Benchmarks;

/// <summary>Every pod template against every node: 5,000 × 1,000 = 5 million pair checks per operation.</summary>
[MemoryDiagnoser]
public class SchedulingBenchmarks
{
    public const int NodeCount = 1_000;
    public const int PodCount = 5_000;

    private SchedulingNode[] _nodes = [];
    private SchedulingPod[] _pods = [];

    [GlobalSetup]
    public void Setup()
    {
        _nodes = ClusterGenerator.Nodes(NodeCount).Select(SchedulingNode.From).ToArray();
        _pods = ClusterGenerator.Pods(PodCount).Select((spec, i) => SchedulingPod.From($"pod-{i}", "Deployment", spec, SchedulingOptions.Eks)).ToArray();
    }

    /// <summary>Filter and score every pair; returns the number of pairs that fit.</summary>
    [Benchmark]
    public long EvaluateAllPairs()
    {
        long fits = 0;
        foreach (var pod in _pods)
        {
            foreach (var node in _nodes)
            {
                if (Scheduler.Evaluate(pod, node).Schedulable)
                    fits++;
            }
        }
        return fits;
    }

    /// <summary>Parsing and compiling the pod templates, the per-pod cost paid once.</summary>
    [Benchmark]
    public int CompilePods() =>
        ClusterGenerator.Pods(PodCount).Select((spec, i) => SchedulingPod.From($"pod-{i}", "Deployment", spec, SchedulingOptions.Eks)).Count();
}
