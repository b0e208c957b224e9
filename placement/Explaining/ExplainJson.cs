using System.Text.Json;
using NodePools.Placement.Scheduling;

namespace NodePools.Placement.Explaining;

/// <summary>
/// `explain` JSON, written as it is evaluated: the pairs (pods outer, nodes inner, input order), or
/// one summary per pod. Nothing is held per pair; reasons are worked out once per class pair.
/// </summary>
public static class ExplainJson
{
    private static readonly JsonEncodedText Pod = JsonEncodedText.Encode("pod");
    private static readonly JsonEncodedText NodeProperty = JsonEncodedText.Encode("node");
    private static readonly JsonEncodedText Schedulable = JsonEncodedText.Encode("schedulable");
    private static readonly JsonEncodedText Reasons = JsonEncodedText.Encode("reasons");
    private static readonly JsonEncodedText PreferredScore = JsonEncodedText.Encode("preferredScore");
    private static readonly JsonEncodedText Untolerated = JsonEncodedText.Encode("untoleratedPreferNoSchedule");
    private static readonly JsonEncodedText SchedulableNodes = JsonEncodedText.Encode("schedulableNodes");
    private static readonly JsonEncodedText BestNodes = JsonEncodedText.Encode("bestNodes");

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>[{pod, node, schedulable, reasons, preferredScore, untoleratedPreferNoSchedule}, ...]</summary>
    public static void WritePairs(Stream output, ExplainMatrix matrix)
    {
        using var writer = new Utf8JsonWriter(output, Options);
        var nodes = Enumerable.Range(0, matrix.NodeCount).Select(n => JsonEncodedText.Encode(matrix.NodeName(n), Options.Encoder)).ToArray();
        var reasonCache = new Dictionary<(int PodClass, int NodeClass), string[]>();
        writer.WriteStartArray();
        for (var p = 0; p < matrix.PodCount; p++)
        {
            var podClass = matrix.PodClassOf(p);
            var pod = JsonEncodedText.Encode(matrix.PodName(p), Options.Encoder);
            for (var n = 0; n < matrix.NodeCount; n++)
            {
                var verdict = matrix.Verdict(p, n);
                writer.WriteStartObject();
                writer.WriteString(Pod, pod);
                writer.WriteString(NodeProperty, nodes[n]);
                writer.WriteBoolean(Schedulable, verdict.Schedulable);
                writer.WriteStartArray(Reasons);
                if (!verdict.Schedulable)
                {
                    var key = (podClass, matrix.NodeClassOf(n));
                    var reasons = verdict.Equals(matrix.Row(podClass)[key.Item2]!.Value)
                        ? reasonCache.TryGetValue(key, out var cached) ? cached : reasonCache[key] = [.. verdict.Reasons()]
                        : [.. verdict.Reasons()];
                    foreach (var reason in reasons)
                        writer.WriteStringValue(reason);
                }
                writer.WriteEndArray();
                writer.WriteNumber(PreferredScore, verdict.PreferredScore);
                writer.WriteNumber(Untolerated, verdict.UntoleratedPreferNoSchedule);
                writer.WriteEndObject();
                if (writer.BytesPending > 64 * 1024)
                    writer.Flush();
            }
        }
        writer.WriteEndArray();
        writer.Flush();
        output.Write("\n"u8);
    }

    /// <summary>[{pod, schedulableNodes, bestNodes, reasons: {reason: nodes}}, ...], one per pod in input order.</summary>
    public static void WriteSummaries(Stream output, ExplainMatrix matrix)
    {
        using var writer = new Utf8JsonWriter(output, Options);
        var summaries = new PodSummary?[matrix.PodClassCount];
        writer.WriteStartArray();
        for (var p = 0; p < matrix.PodCount; p++)
        {
            var summary = PodSummary.For(matrix, p, summaries);
            writer.WriteStartObject();
            writer.WriteString(Pod, matrix.PodName(p));
            writer.WriteNumber(SchedulableNodes, summary.SchedulableNodes);
            writer.WriteStartArray(BestNodes);
            foreach (var node in summary.BestNodes)
                writer.WriteStringValue(node);
            writer.WriteEndArray();
            writer.WriteStartObject(Reasons);
            foreach (var (reason, nodes) in summary.Reasons)
                writer.WriteNumber(reason, nodes);
            writer.WriteEndObject();
            writer.WriteEndObject();
            if (writer.BytesPending > 64 * 1024)
                writer.Flush();
        }
        writer.WriteEndArray();
        writer.Flush();
        output.Write("\n"u8);
    }
}
