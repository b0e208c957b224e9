using System.CommandLine;

namespace NodePools.Cli.Commands;

/// <summary>The arguments every stack command shares: STACK and --dir.</summary>
internal sealed class StackArguments
{
    public Argument<string> Stack { get; } = new("STACK")
    {
        Description = "The stack to read: its declaration is in Pulumi.STACK.yaml (e.g. dev, prod).",
    };

    public Option<string> Directory { get; } = new("--dir", "-C")
    {
        Description = "The project directory holding Pulumi.yaml and the stack files.",
        DefaultValueFactory = _ => ".",
        HelpName = "DIR",
    };

    public void AddTo(Command command)
    {
        command.Arguments.Add(Stack);
        command.Options.Add(Directory);
    }
}
