using System.CommandLine;
using NodePools.Cli.Rendering;
using NodePools.Placement.Explaining;
using NodePools.Placement.Input;
using NodePools.Placement.Manifests;
using NodePools.Placement.Scheduling;

namespace NodePools.Cli.Commands;

/// <summary>`nodepools explain`: Kubernetes nodes against pods or workloads, pair by pair or pod by pod.</summary>
public static class ExplainCommand
{
    /// <summary>Up to this many nodes and pods the table is a pod × node matrix; past it, one summary row per pod.</summary>
    private const int MatrixNodes = 8;
    private const int MatrixPods = 40;

    public static Command Create(CliContext context)
    {
        var nodes = new Option<string>("--nodes")
        {
            Description = "Node objects: YAML or JSON, several documents or a List (e.g. kubectl get nodes -o json).",
            Required = true,
            HelpName = "FILE",
        };
        var pods = new Option<string>("--pods")
        {
            Description = "Pods, or workloads whose pod template is placed: Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob "
                          + "(e.g. kubectl get pods -A -o json, or helm template output: objects that carry no pods are skipped).",
            Required = true,
            HelpName = "FILE",
        };
        var upstream = new Option<bool>("--no-extended-resource-toleration")
        {
            Description = "Simulate upstream Kubernetes: pods requesting an extended resource (nvidia.com/gpu) do not get the "
                          + "matching NoSchedule toleration that EKS's ExtendedResourceToleration admission plugin adds.",
        };
        var output = OutputOption.Create(OutputFormat.Table, OutputFormat.Json, OutputFormat.Summary);
        output.Description = "Report format: table (a matrix, or a row per pod for large inputs), json (every pod × node pair, streamed), "
                             + "summary (one JSON object per pod: schedulable nodes, best nodes, reasons with node counts).";

        var command = new Command("explain", "Evaluate every pod against every node with kube-scheduler's filter and score rules.")
        {
            nodes, pods, upstream, output,
        };
        command.SetAction(parse => Run(context,
            parse.GetRequiredValue(nodes),
            parse.GetRequiredValue(pods),
            parse.GetValue(upstream) ? SchedulingOptions.Upstream : SchedulingOptions.Eks,
            OutputOption.Parse(parse.GetRequiredValue(output))));
        return command;
    }

    public static int Run(CliContext context, string nodesFile, string podsFile, SchedulingOptions options, OutputFormat format)
    {
        // Read both files (at once: a cluster's are large) before reporting, so every input error is shown in one go.
        var nodeProblems = new List<InputError>();
        var podProblems = new List<InputError>();
        var readingNodes = Task.Run(() => Guard.Read(() => ManifestReader.ReadNodes(nodesFile), nodeProblems));
        var pods = Guard.Read(() => ManifestReader.ReadPods(podsFile), podProblems);
        var nodes = readingNodes.GetAwaiter().GetResult();
        if (nodes is null || pods is null)
            throw new InvalidInputException([.. nodeProblems, .. podProblems]);

        foreach (var warning in nodes.Warnings.Concat(pods.Warnings))
            context.Error.WriteLine($"warning: {warning}");
        if (pods.SkippedNote is { } skipped)
            context.Error.WriteLine($"note: {podsFile}: {skipped}");

        var matrix = ExplainMatrix.Build(nodes.Items, pods.Items, options);
        WriteNotes(context, matrix);
        new ReportWriters(() =>
        {
            if (matrix.NodeCount <= MatrixNodes && matrix.PodCount <= MatrixPods)
                ExplainTable.Render(context.Console, Pairs(matrix), nodes.Items.Select(node => node.Metadata.Name ?? "").ToList());
            else
                ExplainTable.RenderSummary(context.Console, matrix);
        })
        {
            Json = () => ExplainJson.WritePairs(context.OutputStream(), matrix),
            Summary = () => ExplainJson.WriteSummaries(context.OutputStream(), matrix),
        }.Write(format);
        return ExitCodes.Ok;
    }

    /// <summary>What the simulation added or ignored, once per kind of pod (a cluster has many alike).</summary>
    private static void WriteNotes(CliContext context, ExplainMatrix matrix)
    {
        var counts = new int[matrix.PodClassCount];
        var first = new int[matrix.PodClassCount];
        for (var p = matrix.PodCount - 1; p >= 0; p--)
        {
            counts[matrix.PodClassOf(p)]++;
            first[matrix.PodClassOf(p)] = p;
        }
        for (var c = 0; c < matrix.PodClassCount; c++)
        {
            var alike = counts[c] > 1 ? $" (and {counts[c] - 1} more like it)" : "";
            foreach (var note in matrix.PodClass(c).Notes)
                context.Error.WriteLine($"note: {matrix.PodName(first[c])}{alike}: {note}");
        }
    }

    private static List<PairExplanation> Pairs(ExplainMatrix matrix)
    {
        var pairs = new List<PairExplanation>(matrix.PodCount * matrix.NodeCount);
        for (var p = 0; p < matrix.PodCount; p++)
        {
            for (var n = 0; n < matrix.NodeCount; n++)
            {
                var verdict = matrix.Verdict(p, n);
                pairs.Add(new PairExplanation(matrix.PodName(p), matrix.NodeName(n), verdict.Schedulable, verdict.Reasons(), verdict.PreferredScore,
                    verdict.UntoleratedPreferNoSchedule) { Refusals = verdict.AllRefusals() });
            }
        }
        return pairs;
    }
}
