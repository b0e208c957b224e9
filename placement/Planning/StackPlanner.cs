using System.Text.Json.Nodes;
using NodePools.Placement.Checks;
using NodePools.Placement.Declaration;
using NodePools.Placement.Input;
using NodePools.Placement.Kubernetes;
using NodePools.Placement.Scheduling;

namespace NodePools.Placement.Planning;

/// <summary>
/// Declaration in, plan out: derive every slot's placement, write it into its release's values,
/// evaluate every slot against every pool's node template, and run the checks.
/// </summary>
public static class StackPlanner
{
    /// <summary>Reads Pulumi.yaml (for the project name) and Pulumi.STACK.yaml from a directory, and plans.</summary>
    public static StackPlan PlanFromDirectory(string directory, string stack) =>
        Plan(StackFiles.Read(directory, stack));

    /// <summary>Plans from Pulumi config values (the program's path), with the same parser and checks.</summary>
    public static StackPlan PlanFromConfig(string project, string stack, Func<string, string?> configJson, string? region = null) =>
        Plan(DeclarationParser.FromConfigValues(project, stack, configJson, region));

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
                slots.Add(Simulate($"{release.Name}/{(slot.Path.Length == 0 ? "(root)" : slot.Path)}", slot, placement, pools));
            }
            releases.Add(new ReleasePlan(release, values, slots));
        }

        var templates = declaration.PodTemplates.Select(template =>
        {
            var slot = new SlotSpec { Path = "", Style = SlotStyle.PodTemplate, Intent = template.Intent };
            var placement = PlacementDeriver.Derive(template.Intent, declaration.Pools);
            return new PodTemplateConfigMapPlan(template, ValuesWriter.PodTemplateYaml(placement),
                Simulate($"configmap/{template.Namespace}/{template.Name}", slot, placement, pools));
        }).ToList();

        var plan = new StackPlan(declaration, pools, releases, templates, []);
        return plan with { Findings = StackChecks.Run(plan) };
    }

    private static SlotPlan Simulate(string id, SlotSpec slot, DerivedPlacement placement, IReadOnlyList<PoolPlan> pools)
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
        var verdicts = pools.Select(pool => new SlotVerdict(pool.Name, Scheduler.Evaluate(pod, pool.NodeTemplate))).ToList();
        return new SlotPlan(id, slot, placement, pod, verdicts);
    }
}
