using System.Text.Json.Nodes;

namespace NodePools.Placement.Models;

/// <summary>
/// A workload an operator makes from a custom resource: its name, its kind (Deployment, StatefulSet,
/// DaemonSet), how many pods it keeps, and their pod spec as the operator writes it (JSON).
/// </summary>
public sealed record OperatorWorkload(string Name, string Kind, int Replicas, JsonObject PodSpec);

/// <summary>
/// A custom resource whose operator creates workloads (a <c>KnativeServing</c>, a <c>Prometheus</c>):
/// the resource's kind and API group, the operator and the version whose behaviour the model encodes,
/// and a pure function from the resource's JSON to the workloads the operator makes from it. A chart
/// that renders such a resource gets those workloads checked like its own Deployments.
/// </summary>
public sealed record OperatorModel(
    string Kind,
    string ApiGroup,
    string Operator,
    string OperatorVersion,
    Func<JsonObject, IReadOnlyList<OperatorWorkload>> Workloads)
{
    /// <summary>"the Knative operator (knative-v1.23.0)": what reports say made a workload.</summary>
    public string MadeBy => $"{Operator} ({OperatorVersion})";
}

/// <summary>
/// A custom resource kind known to make pods that no model describes (Strimzi's <c>Kafka</c>): a chart
/// that renders one is warned about, never silently passed, because its pods go unchecked.
/// </summary>
public sealed record UnmodelledKind(string Kind, string ApiGroup, string Operator);
