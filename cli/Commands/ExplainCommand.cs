using System.CommandLine;
using NodePools.Cli.Rendering;
using NodePools.Placement.Input;
using NodePools.Placement.Manifests;
using NodePools.Placement.Scheduling;

namespace NodePools.Cli.Commands;

/// <summary>`nodepools explain`: Kubernetes nodes against pods or workloads, pair by pair.</summary>
public static class ExplainCommand
{
    public static Command Create(CliContext context)
    {
        var nodes = new Option<string>("--nodes")
        {
            Description = "Node objects: YAML or JSON, several documents or a List (e.g. kubectl get nodes -o yaml).",
            Required = true,
            HelpName = "FILE",
        };
        var pods = new Option<string>("--pods")
        {
            Description = "Pods, or workloads whose pod template is placed: Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob.",
            Required = true,
            HelpName = "FILE",
        };
        var upstream = new Option<bool>("--no-extended-resource-toleration")
        {
            Description = "Simulate upstream Kubernetes: pods requesting an extended resource (nvidia.com/gpu) do not get the "
                          + "matching NoSchedule toleration that EKS's ExtendedResourceToleration admission plugin adds.",
        };
        var output = OutputOption.Create(OutputFormat.Table, OutputFormat.Json);

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
        // Read both files before reporting, so every input error is shown in one go.
        var problems = new List<InputError>();
        var nodes = Guard.Read(() => ManifestReader.ReadNodes(nodesFile), problems);
        var pods = Guard.Read(() => ManifestReader.ReadPods(podsFile), problems);
        if (nodes is null || pods is null)
            throw new InvalidInputException(problems);

        foreach (var warning in nodes.Warnings.Concat(pods.Warnings))
            context.Error.WriteLine($"warning: {warning}");
        foreach (var (pod, note) in Explainer.Notes(pods.Items, options))
            context.Error.WriteLine($"note: {pod}: {note}");

        var pairs = Explainer.Explain(nodes.Items, pods.Items, options);
        if (format == OutputFormat.Json)
            context.Output.WriteLine(ReportJson.Serialize(pairs));
        else
            ExplainTable.Render(context.Console, pairs, nodes.Items.Select(node => node.Metadata.Name ?? "").ToList());
        return ExitCodes.Ok;
    }
}
