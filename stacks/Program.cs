using NodePools.Stacks;

var parse = StackCommands.Create(Console.Out, Console.Error).Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
        Console.Error.WriteLine($"error: {error.Message}");
    return StackCommands.InvalidInput;
}
return await parse.InvokeAsync(StackCommands.Invocation);
