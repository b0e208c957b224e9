using System.Collections;
using System.Collections.Concurrent;
using System.Text.Json.Serialization.Metadata;

namespace NodePools.Placement.Input;

/// <summary>
/// The null items in every list of an object bound from JSON (<c>"taints": [{...}, null]</c>): the
/// serializer keeps them, and the scheduler's code would trip on them. Walked through the contract's
/// own metadata (source-generated: no reflection), so a list added to a model later is checked too.
/// </summary>
public static class NullListItems
{
    // Per type, the properties that can hold a list: a cluster's pods are many, their types few.
    private static readonly ConcurrentDictionary<JsonTypeInfo, JsonPropertyInfo[]> Walked = new();

    /// <summary>Paths of null list items, in System.Text.Json's spelling from <c>$</c> (the object).</summary>
    public static List<string> In(object value, JsonTypeInfo type)
    {
        var found = new List<string>();
        Walk(value, type, JsonPaths.Root, found);
        return found;
    }

    private static void Walk(object value, JsonTypeInfo type, string path, List<string> found)
    {
        switch (type.Kind)
        {
            case JsonTypeInfoKind.Object:
                foreach (var property in Walked.GetOrAdd(type, static type => [.. type.Properties.Where(p => MayHoldList(p.PropertyType))]))
                {
                    if (property.Get?.Invoke(value) is { } child)
                        Walk(child, type.Options.GetTypeInfo(child.GetType()), JsonPaths.Property(path, property.Name), found);
                }
                break;
            case JsonTypeInfoKind.Enumerable when value is IList items:
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i] is not { } item)
                        found.Add(JsonPaths.Index(path, i));
                    else if (MayHoldList(item.GetType()))
                        Walk(item, type.Options.GetTypeInfo(item.GetType()), JsonPaths.Index(path, i), found);
                }
                break;
        }
    }

    /// <summary>Objects and lists; strings, numbers, booleans and mappings of strings hold no list.</summary>
    private static bool MayHoldList(Type type) => !type.IsValueType && type != typeof(string) && !typeof(IDictionary).IsAssignableFrom(type);
}
