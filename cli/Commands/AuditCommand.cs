using System.CommandLine;
using NodePools.Cli.Rendering;
using NodePools.Placement.Audit;
using NodePools.Placement.Input;
using NodePools.Placement.Pipeline;
using NodePools.Placement.Reports;

namespace NodePools.Cli.Commands;

/// <summary>`nodepools audit`: the running cluster against the declaration — nodes against their pools, pods against their workloads' pools.</summary>
public static class AuditCommand
{
    private static readonly TimeSpan KubectlTimeout = TimeSpan.FromMinutes(5);

    public static Command Create(CliContext context)
    {
        var arguments = new StackArguments();
        var render = new RenderArguments();
        var snapshots = new Option<string[]>("--snapshot")
        {
            Description = $"A cluster snapshot: the JSON of kubectl get {SnapshotReader.KubectlKinds} -A -o json (one List, or several files).",
            HelpName = "FILE",
            AllowMultipleArgumentsPerToken = true,
        };
        var kubeContext = new Option<string?>("--context")
        {
            Description = "Read the cluster of this kubeconfig context with kubectl instead of a snapshot (its auth plugins, such as aws eks get-token, run as usual).",
            HelpName = "NAME",
        };
        var kubeconfig = new Option<string?>("--kubeconfig")
        {
            Description = "The kubeconfig file kubectl reads with --context (kubectl's default otherwise).",
            HelpName = "FILE",
        };
        var output = OutputOption.Create(OutputFormat.Table, OutputFormat.Markdown, OutputFormat.Json);
        var command = new Command("audit",
            "Audit a running cluster against a stack: nodes without their pool's labels and taints, pods off their pools, pending pods and why, "
            + "DaemonSet gaps, strays on tainted pools, full pools. Exit 1 on errors.")
        {
            snapshots, kubeContext, kubeconfig,
        };
        arguments.AddTo(command);
        render.AddTo(command);
        render.Render.Description = "Render every release's chart with helm and hold each pod to the pools of the workload its chart renders; fail when helm or a chart is missing. "
                                    + "By default the charts are rendered when helm is on PATH.";
        render.NoRender.Description = "Do not run helm: match pods to releases by Helm's release labels, each held to every pool its release places anything on.";
        command.Options.Add(output);
        command.Validators.Add(result =>
        {
            var files = result.GetValue(snapshots) ?? [];
            var named = result.GetValue(kubeContext);
            if (files.Length == 0 && named is null)
                result.AddError("audit reads a cluster: pass --snapshot FILE (kubectl get ... -o json output) or --context NAME");
            else if (files.Length > 0 && named is not null)
                result.AddError("--snapshot and --context both name a cluster: pass one of them");
            else if (result.GetValue(kubeconfig) is not null && named is null)
                result.AddError("--kubeconfig is read with --context: pass --context NAME too");
        });
        command.SetAction((parse, cancellation) => RunAsync(context,
            parse.GetRequiredValue(arguments.Directory),
            parse.GetRequiredValue(arguments.Stack),
            parse.GetValue(snapshots) ?? [],
            parse.GetValue(kubeContext),
            parse.GetValue(kubeconfig),
            OutputOption.Parse(parse.GetRequiredValue(output)),
            render.Read(parse),
            cancellation));
        return command;
    }

    internal static async Task<int> RunAsync(CliContext context, string directory, string stack, IReadOnlyList<string> snapshotFiles, string? kubeContext,
        string? kubeconfig, OutputFormat format, RenderRequest render, CancellationToken cancellation)
    {
        var plan = StackPipeline.PlanFromDirectory(directory, stack);
        var snapshot = kubeContext is null
            ? SnapshotReader.Read(snapshotFiles)
            : await ReadClusterAsync(context, kubeContext, kubeconfig, cancellation);
        var analysis = await render.AnalyzeAsync(context, plan, cancellation);
        var result = StackPipeline.Audit(analysis, snapshot);
        var report = AuditReport.From(stack, result, analysis.Rendered is null ? NotRendered(analysis.Skipped) : null);
        new ReportWriters(() => AuditTable.Render(context.Console, report))
        {
            Markdown = () => context.Output.Write(report.Markdown()),
            Json = () => context.Output.WriteLine(ReportJson.Serialize(report)),
        }.Write(format);
        return result.HasErrors ? ExitCodes.Findings : ExitCodes.Ok;
    }

    /// <summary>Why the charts were not rendered, in the words of the skip reason's first clause ("helm is not on PATH").</summary>
    private static string NotRendered(string? skipped) =>
        skipped is { Length: > 0 } reason ? $"the charts were not rendered: {reason.Split(':')[0]}" : "the charts were not rendered";

    private static async Task<ClusterSnapshot> ReadClusterAsync(CliContext context, string kubeContext, string? kubeconfig, CancellationToken cancellation)
    {
        var kubectl = KubectlRunner.Locate()
            ?? throw new InvalidInputException(new InputError("kubectl", "--context", "kubectl is not on PATH (or NODEPOOLS_KUBECTL): install it, or pass --snapshot FILE"));
        var file = Path.Combine(Path.GetTempPath(), $"nodepools-audit-{Guid.NewGuid():N}.json");
        try
        {
            context.Error.WriteLine($"  reading context {kubeContext} with kubectl");
            await kubectl.WriteSnapshotAsync(kubeContext, kubeconfig, file, KubectlTimeout, cancellation);
            return SnapshotReader.Read([file]);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
