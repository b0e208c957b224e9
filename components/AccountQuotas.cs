using NodePools.Placement.Deployment;
using NodePools.Placement.Planning;
using Pulumi;
using Aws = Pulumi.Aws;

namespace NodePools.Components;

/// <summary>
/// Reads the account's EC2 vCPU quotas the stack's pools run under (Service Quotas) and holds the
/// pools to them (<see cref="VcpuQuotas"/>): minimum sizes a quota cannot start stop the program
/// before any resource is declared; maximum sizes beyond a quota are a warning.
/// </summary>
public static class AccountQuotas
{
    public static async Task CheckAsync(StackPlan plan, Action<string> warn)
    {
        var demand = VcpuQuotas.Demand(plan.Pools.Select(pool => pool.Spec).ToList());
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var need in demand.Quotas)
        {
            try
            {
                var quota = await Aws.ServiceQuotas.GetServiceQuota.InvokeAsync(new Aws.ServiceQuotas.GetServiceQuotaArgs
                {
                    ServiceCode = VcpuQuotas.ServiceCode,
                    QuotaCode = need.Quota.Code,
                }).ConfigureAwait(false);
                values[need.Quota.Code] = quota.Value;
            }
            catch (Exception ex)
            {
                // A role without servicequotas:GetServiceQuota still deploys; it is only not warned in advance.
                warn($"quota {need.Quota.Code} ({need.Quota.Name}) could not be read, so the pools on it were not checked: {ex.Message.Split('\n')[0]}");
            }
        }

        var check = demand.Against(values);
        foreach (var warning in check.Warnings)
            warn(warning);
        if (check.Errors.Count > 0)
        {
            throw new RunException("The account's EC2 vCPU quotas cannot start the pools' minimum sizes (nodepools plan shows each quota's vCPUs):"
                                   + Environment.NewLine + string.Join(Environment.NewLine, check.Errors.Select(error => $"  {error}")));
        }
    }
}
