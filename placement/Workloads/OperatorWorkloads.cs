using NodePools.Placement.Models;

namespace NodePools.Placement.Workloads;

/// <summary>
/// The workloads an operator makes from a rendered custom resource, by its model: named as the
/// operator names them (Deployment/activator), with the resource they come from, so acknowledgements
/// and reports name them as they appear in the cluster. A resource that is a Helm hook (Union's
/// post-install KnativeServing) still makes long-running workloads, so they are checked like any other.
/// </summary>
internal static class OperatorWorkloads
{
    public static IEnumerable<Workload> Of(RenderedObject resource, OperatorModel model, List<string> problems)
    {
        var origin = resource.IsTest ? WorkloadOrigin.Test : WorkloadOrigin.Operator;
        foreach (var made in model.Workloads(resource.Root))
        {
            var id = $"{made.Kind}/{made.Name}";
            if (WorkloadExtractor.Build(id, made.Kind, origin, resource.Source, made.PodSpec, [], problems) is { } workload)
            {
                yield return workload with
                {
                    Hook = resource.Hook,
                    Namespace = resource.Namespace,
                    From = resource.Id,
                    Replicas = made.Replicas,
                    Note = $"made by {model.MadeBy} from {resource.Id}",
                };
            }
        }
    }

    /// <summary>
    /// Ids are unique in a release (markers and acknowledgements find workloads by id): an operator's
    /// workload whose name another workload already has is named with its resource, KnativeServing/b/Deployment/activator.
    /// </summary>
    public static IReadOnlyList<Workload> Distinct(List<Workload> workloads)
    {
        var taken = workloads.Where(w => w.From is null).Select(w => w.Id).ToHashSet(StringComparer.Ordinal);
        return workloads
            .Select(w => w.From is { } from && !taken.Add(w.Id) ? w with { Id = $"{from}/{w.Id}" } : w)
            .ToList();
    }
}
