using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using NodePools.Placement.Scheduling;
using NodePools.Placement.Explaining;

namespace NodePools.Cli;

/// <summary>Source-generated JSON for the command reports (no reflection: AOT- and trim-safe).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(IReadOnlyList<PairExplanation>))]
[JsonSerializable(typeof(NodePools.Placement.Reports.PlanReport))]
[JsonSerializable(typeof(NodePools.Placement.Reports.DiffReport))]
[JsonSerializable(typeof(NodePools.Placement.Reports.SlotsReport))]
[JsonSerializable(typeof(NodePools.Placement.Reports.RulesReport))]
[JsonSerializable(typeof(NodePools.Placement.Reports.AuditReport))]
internal sealed partial class CliJsonContext : JsonSerializerContext;

/// <summary>Writes a report as indented JSON, with quotes and non-ASCII as themselves: people read these too.</summary>
internal static class ReportJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        TypeInfoResolver = CliJsonContext.Default,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // Values and manifests may nest deeper than the default 64; the readers already refuse past YamlTree.MaxDepth.
        MaxDepth = 4 * NodePools.Placement.Input.YamlTree.MaxDepth,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize<T>(T value) =>
        JsonSerializer.Serialize(value, (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T)));
}
