using System.Text.Json.Serialization;
using NodePools.Placement.Kubernetes;

namespace NodePools.Placement.Input;

/// <summary>
/// Source-generated (reflection-free) JSON contract of the Kubernetes objects, in their camelCase API
/// form. As deep as the readers let a document be: a tree is bound by writing it out and reading it
/// back, and the serializer's default of 64 levels would refuse a deep value there with an exception
/// instead of the reader's located error (a label value written as a deep list).
/// </summary>
[JsonSourceGenerationOptions(
    MaxDepth = 2 * YamlTree.MaxDepth,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    Converters = [typeof(LenientStringConverter)])]
[JsonSerializable(typeof(Node))]
[JsonSerializable(typeof(ManifestObject))]
[JsonSerializable(typeof(ClusterObject))]
[JsonSerializable(typeof(PodSpec))]
[JsonSerializable(typeof(PodTemplateSpec))]
[JsonSerializable(typeof(ObjectMeta))]
[JsonSerializable(typeof(Affinity))]
[JsonSerializable(typeof(List<Toleration>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
public sealed partial class KubernetesJsonContext : JsonSerializerContext;
