using System.Collections.Immutable;
using NodePools.Placement.Reports;
using Pulumi.Automation;
using Pulumi.Automation.Events;

namespace NodePools.Stacks;

/// <summary>Collects a preview's resource steps from its engine events, in the Pulumi-free form the review renders.</summary>
public sealed class PreviewSteps
{
    private readonly List<ResourceStep> _steps = [];

    public IReadOnlyList<ResourceStep> Steps => _steps;

    public void OnEvent(EngineEvent engineEvent)
    {
        if (engineEvent.ResourcePreEvent?.Metadata is not { } step || step.Op == OperationType.Same)
            return;
        var changed = step.DetailedDiff?.Keys.ToList() ?? step.Diffs?.ToList() ?? [];
        lock (_steps)
            _steps.Add(new ResourceStep(Name(step.Op), step.Urn, step.Type, changed));
    }

    /// <summary>The engine's own spelling of an operation (create, update, replace, create-replacement...).</summary>
    public static string Name(OperationType operation) => operation switch
    {
        OperationType.CreateReplacement => "create-replacement",
        OperationType.DeleteReplaced => "delete-replaced",
        OperationType.ReadReplacement => "read-replacement",
        OperationType.DiscardReplaced => "discard-replaced",
        OperationType.RemovePendingReplace => "remove-pending-replace",
        OperationType.ImportReplacement => "import-replacement",
        OperationType.ReadDiscard => "read-discard",
        _ => operation.ToString().ToLowerInvariant(),
    };

    public static IReadOnlyDictionary<string, int> Summary(IImmutableDictionary<OperationType, int>? changes) =>
        changes?.ToDictionary(pair => Name(pair.Key), pair => pair.Value) ?? new Dictionary<string, int>();
}
