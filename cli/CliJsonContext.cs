using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodePools.Placement.Scheduling;

namespace NodePools.Cli;

/// <summary>Source-generated JSON for the command reports (no reflection: AOT- and trim-safe).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(IReadOnlyList<PairExplanation>))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
    /// <summary>Writes quotes and non-ASCII as themselves ("didn't", "→"): the reports are read by people too.</summary>
    public static CliJsonContext Relaxed { get; } = new(new JsonSerializerOptions(Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
