using NodePools.Cli;

return NodePoolsCli.Run(args, CliContext.ForProcess());
