using System.Collections;
using System.Collections.Concurrent;
using System.Text.Json.Serialization.Metadata;

namespace NodePools.Placement.Input;

/// <summary>
/// The null items in every list of an object bound from JSON (<c>"taints": [{...}, null]</c>): the
/// serializer keeps them, and the scheduler's code would trip on them. Walked through the contract's
/// own metadata (source-generated: no reflection), so a list added to a model later is checked too.
/// A cluster's pods are many and their types few: what to walk is worked out once per type, and a
/// path is spelled out only for a null found.
/// </summary>
public static class NullListItems
{
    private sealed record Step(JsonPropertyInfo Property, JsonTypeInfo Type);

    private static readonly ConcurrentDictionary<JsonTypeInfo, Step[]> Steps = new();
    private static readonly ConcurrentDictionary<JsonTypeInfo, JsonTypeInfo?> Elements = new();

    /// <summary>Paths of null list items, in System.Text.Json's spelling from <c>$</c> (the object).</summary>
    public static List<string> In(object value, JsonTypeInfo type)
    {
        var found = new List<string>();
        Walk(value, type, [], found);
        return found;
    }

    private static void Walk(object value, JsonTypeInfo type, List<(string? Name, int Index)> at, List<string> found)
    {
        switch (type.Kind)
        {
            case JsonTypeInfoKind.Object:
                foreach (var step in Steps.GetOrAdd(type, StepsOf))
                {
                    if (step.Property.Get!(value) is not { } child)
                        continue;
                    at.Add((step.Property.Name, 0));
                    Walk(child, step.Type, at, found);
                    at.RemoveAt(at.Count - 1);
                }
                break;
            case JsonTypeInfoKind.Enumerable when value is IList items:
                var element = Elements.GetOrAdd(type, static list => list.ElementType is { } e && MayHoldList(e) ? list.Options.GetTypeInfo(e) : null);
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i] is null)
                    {
                        found.Add(Path(at, i));
                        continue;
                    }
                    if (element is null)
                        continue;
                    at.Add((null, i));
                    Walk(items[i]!, element, at, found);
                    at.RemoveAt(at.Count - 1);
                }
                break;
        }
    }

    /// <summary>The properties that can hold a list, each with its declared type's contract (the type the serializer bound).</summary>
    private static Step[] StepsOf(JsonTypeInfo type) =>
        [.. type.Properties.Where(p => p.Get is not null && MayHoldList(p.PropertyType)).Select(p => new Step(p, type.Options.GetTypeInfo(p.PropertyType)))];

    /// <summary>Objects and lists; strings, numbers, booleans and mappings of strings hold no list.</summary>
    private static bool MayHoldList(Type type) => !type.IsValueType && type != typeof(string) && !typeof(IDictionary).IsAssignableFrom(type);

    private static string Path(List<(string? Name, int Index)> at, int index)
    {
        var path = JsonPaths.Root;
        foreach (var (name, i) in at)
            path = name is null ? JsonPaths.Index(path, i) : JsonPaths.Property(path, name);
        return JsonPaths.Index(path, index);
    }
}
