using System.Text.Json.Nodes;
using NodePools.Placement.Declaration;
using NodePools.Placement.Input;
using NodePools.Placement.Kubernetes;
using NodePools.Placement.Scheduling;

namespace NodePools.Placement.Planning;

/// <summary>
/// Declaration in, plan out: every pool's node template, every slot's placement written into its
/// release's values, and the pod each slot describes to the scheduling simulation.
/// </summary>
public static class StackPlanner
{
    public static StackPlan Plan(StackDeclaration declaration)
    {
        var pools = declaration.Pools.Select(pool => new PoolPlan(pool, NodeTemplates.For(pool, declaration.Cluster))).ToList();

        var releases = new List<ReleasePlan>();
        foreach (var release in declaration.Releases)
        {
            var values = (JsonObject)release.Values.DeepClone();
            var slots = new List<SlotPlan>();
            foreach (var slot in release.Slots)
            {
                var placement = PlacementDeriver.Derive(slot, declaration.Pools);
                ValuesWriter.Write(values, slot, placement);
                slots.Add(Describe($"{release.Name}/{(slot.Path.Length == 0 ? "(root)" : slot.Path)}", slot, placement));
            }
            releases.Add(new ReleasePlan(release, values, slots)
            {
                Patches = release.Patches.Select(patch => PatchPlanner.Resolve(patch, declaration.Pools)).ToList(),
            });
        }

        var templates = declaration.PodTemplates.Select(template =>
        {
            var slot = new SlotSpec { Path = "", Style = SlotStyle.PodTemplate, Intent = template.Intent };
            var placement = PlacementDeriver.Derive(template.Intent, declaration.Pools);
            return new PodTemplateConfigMapPlan(template, ValuesWriter.PodTemplateYaml(placement),
                Describe($"configmap/{template.Namespace}/{template.Name}", slot, placement));
        }).ToList();

        return new StackPlan(declaration, pools, releases, templates);
    }

    /// <summary>The pod a slot describes: its placement, its requests, and a DaemonSet's or a Pod's kind.</summary>
    private static SlotPlan Describe(string id, SlotSpec slot, DerivedPlacement placement)
    {
        var spec = new PodSpec
        {
            NodeSelector = placement.NodeSelector?.ToDictionary(),
            Affinity = placement.Affinity,
            Tolerations = [.. placement.Tolerations],
            Containers = slot.Requests.Count == 0
                ? null
                : [new Container { Name = "main", Resources = new ResourceRequirements { Requests = slot.Requests.ToDictionary() } }],
        };
        var pod = SchedulingPod.From(id, slot.DaemonSet ? WorkloadKinds.DaemonSet : WorkloadKinds.Pod, spec, SchedulingOptions.Eks);
        return new SlotPlan(id, slot, placement, pod);
    }
}
