namespace NodePools.Placement.Input;

/// <summary>Line and column (1-based) of every value in a parsed YAML document, by JSON path.</summary>
public sealed class SourceMap
{
    private readonly Dictionary<string, (int Line, int Column)> _positions = new(StringComparer.Ordinal);

    public static SourceMap Empty { get; } = new();

    internal void Add(string path, int line, int column) => _positions.TryAdd(path, (line, column));

    /// <summary>The position of the value at <paramref name="path"/>, or of its nearest ancestor that has one.</summary>
    public (int Line, int Column)? Find(string path)
    {
        for (var current = path; current.Length > 0; current = JsonPaths.Parent(current))
        {
            if (_positions.TryGetValue(current, out var position))
                return position;
        }
        return null;
    }
}
