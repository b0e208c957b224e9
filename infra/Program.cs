using NodePools.Infra;
using Pulumi;

return await Deployment.RunAsync(() => NodePoolsProgram.Run(new Config(), Deployment.Instance.ProjectName, Deployment.Instance.StackName));
