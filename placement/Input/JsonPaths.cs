namespace NodePools.Placement.Input;

/// <summary>
/// JSON paths in System.Text.Json's own spelling ($.a.b[0], $['kubernetes.io/os']), so the paths in
/// its exceptions can be looked up, and a readable form for messages (a.b[0], a['kubernetes.io/os']).
/// </summary>
public static class JsonPaths
{
    public const string Root = "$";

    private static readonly char[] SpecialCharacters =
        ['.', ' ', '\'', '/', '"', '[', ']', '(', ')', '\t', '\n', '\r', '\f', '\b', '\\', '\u0085', '\u2028', '\u2029'];

    public static string Property(string parent, string name) =>
        name.IndexOfAny(SpecialCharacters) >= 0 ? $"{parent}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']" : $"{parent}.{name}";

    public static string Index(string parent, int index) => $"{parent}[{index}]";

    /// <summary>The path one step up, or "" above the root.</summary>
    public static string Parent(string path)
    {
        if (path == Root || path.Length == 0)
            return "";
        if (path.EndsWith(']'))
        {
            // Either [N] or ['name']: find the bracket that opens it, outside quotes.
            var quoted = path.EndsWith("']", StringComparison.Ordinal);
            var open = quoted ? path.LastIndexOf("['", StringComparison.Ordinal) : path.LastIndexOf('[');
            return open > 0 ? path[..open] : Root;
        }
        var dot = path.LastIndexOf('.');
        return dot > 0 ? path[..dot] : Root;
    }

    /// <summary>"$.spec.taints[0]" → "spec.taints[0]"; "$" → "".</summary>
    public static string Readable(string path) =>
        path == Root ? "" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
}
