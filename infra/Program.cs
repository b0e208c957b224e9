using NodePools.Infra;
using Pulumi;

return await Deployment.RunAsync(() => NodePoolsProgram.RunAsync(new Config(), Deployment.Instance.ProjectName, Deployment.Instance.StackName));
