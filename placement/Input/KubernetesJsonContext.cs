using System.Text.Json.Serialization;
using NodePools.Placement.Kubernetes;

namespace NodePools.Placement.Input;

/// <summary>Source-generated (reflection-free) JSON contract of the Kubernetes objects, in their camelCase API form.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    Converters = [typeof(LenientStringConverter)])]
[JsonSerializable(typeof(Node))]
[JsonSerializable(typeof(ManifestObject))]
[JsonSerializable(typeof(PodSpec))]
[JsonSerializable(typeof(PodTemplateSpec))]
[JsonSerializable(typeof(ObjectMeta))]
[JsonSerializable(typeof(Affinity))]
[JsonSerializable(typeof(List<Toleration>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
public sealed partial class KubernetesJsonContext : JsonSerializerContext;
