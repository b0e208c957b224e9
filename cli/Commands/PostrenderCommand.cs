using System.CommandLine;
using System.Text;
using NodePools.Placement.Input;
using NodePools.Placement.Patching;
using NodePools.Placement.Pipeline;
using NodePools.Placement.Planning;

namespace NodePools.Cli.Commands;

/// <summary>
/// `nodepools postrender`: Helm's post-renderer for a release with patches. Reads rendered manifests
/// on standard input and writes them with the release's patches applied — by the same function the
/// check renders with — on standard output. The patches come from a file the Pulumi program wrote
/// (<c>--patches FILE</c>, what Helm runs when Pulumi installs the release), or from a stack's
/// declaration (<c>STACK RELEASE</c>, for helm on the command line).
/// </summary>
public static class PostrenderCommand
{
    public static Command Create(CliContext context)
    {
        var stack = new Argument<string?>("STACK") { Description = "The stack whose declaration holds the release (with RELEASE), instead of --patches.", Arity = ArgumentArity.ZeroOrOne };
        var release = new Argument<string?>("RELEASE") { Description = "The release whose patches to apply.", Arity = ArgumentArity.ZeroOrOne };
        var directory = new Option<string>("--dir", "-C")
        {
            Description = "The project directory holding Pulumi.yaml and the stack files.",
            DefaultValueFactory = _ => ".",
            HelpName = "DIR",
        };
        var patches = new Option<string?>("--patches") { Description = "A patch file the Pulumi program wrote for a release.", HelpName = "FILE" };
        var command = new Command("postrender",
            "Apply a release's patches to rendered manifests: standard input to standard output. Helm runs it as the release's post-renderer.")
        {
            stack,
            release,
            directory,
            patches,
        };
        command.SetAction(parse => Run(context, parse.GetValue(patches), parse.GetValue(stack), parse.GetValue(release), parse.GetRequiredValue(directory)));
        return command;
    }

    internal static int Run(CliContext context, string? patchFile, string? stack, string? release, string directory)
    {
        if ((patchFile is null) == (stack is null || release is null) || (stack is null) != (release is null))
        {
            context.Error.WriteLine("error: postrender takes --patches FILE, or STACK and RELEASE (not both)");
            return ExitCodes.InvalidInput;
        }
        var (releaseNamespace, patches) = patchFile is not null ? FromFile(patchFile) : FromStack(directory, stack!, release!);

        var result = ManifestPatcher.Apply(context.Input.ReadToEnd(), releaseNamespace, patches, HookHandling.PassThrough);
        var problems = result.Problems.ToList();
        if (problems.Count > 0)
        {
            // Helm shows a post-renderer's standard error when it fails: the install stops with these.
            foreach (var problem in problems)
                context.Error.WriteLine($"error: {problem}");
            return ExitCodes.Findings;
        }
        foreach (var outcome in result.Outcomes.Where(outcome => outcome.Unapplied))
        {
            context.Error.WriteLine(outcome.Hooks.Count > 0
                ? $"note: patch {outcome.Index + 1} ({outcome.Patch.Target}) matches only the hook {string.Join(", ", outcome.Hooks)}, which is left as rendered (the Pulumi program patches hooks after the release)"
                : $"note: patch {outcome.Index + 1} ({outcome.Patch.Target}) matches no object");
        }
        var output = context.OutputStream();
        output.Write(Encoding.UTF8.GetBytes(result.Output));
        output.Flush();
        return ExitCodes.Ok;
    }

    private static (string Namespace, IReadOnlyList<ManifestPatch> Patches) FromFile(string file)
    {
        var (_, releaseNamespace, patches) = PatchFile.Read(file);
        return (releaseNamespace, patches);
    }

    private static (string Namespace, IReadOnlyList<ManifestPatch> Patches) FromStack(string directory, string stack, string name)
    {
        var plan = StackPipeline.PlanFromDirectory(directory, stack);
        var release = plan.Releases.FirstOrDefault(r => r.Name == name)
            ?? throw new InvalidInputException(new InputError(plan.Declaration.Source, $"{plan.Declaration.Project}:releases",
                $"no release \"{name}\" (releases: {string.Join(", ", plan.Releases.Select(r => r.Name))})"));
        return (release.Spec.Namespace, release.Patches);
    }
}
