namespace NodePools.Placement.Patching;

/// <summary>
/// One document of a manifest stream as written: the <c>---</c> line before it (empty for the first),
/// the comment lines it opens with (Helm's <c># Source: TEMPLATE</c>), and the rest.
/// </summary>
internal sealed record ManifestChunk(string Separator, string Comments, string Body)
{
    public string Text => Separator + Comments + Body;
}

/// <summary>
/// Splits a manifest stream (`helm template` output, or what Helm hands a post-renderer) at its
/// <c>---</c> lines without changing a character, so documents no patch touches pass through as they were.
/// </summary>
internal static class ManifestChunks
{
    public static IEnumerable<ManifestChunk> Split(string text)
    {
        var separator = "";
        var start = 0;
        var position = 0;
        while (position < text.Length)
        {
            var end = text.IndexOf('\n', position);
            var next = end < 0 ? text.Length : end + 1;
            if (text.AsSpan(position, (end < 0 ? text.Length : end) - position).TrimEnd('\r') is "---")
            {
                yield return Chunk(separator, text[start..position]);
                separator = text[position..next];
                start = next;
            }
            position = next;
        }
        yield return Chunk(separator, text[start..]);
    }

    private static ManifestChunk Chunk(string separator, string text)
    {
        var cut = 0;
        while (cut < text.Length)
        {
            var end = text.IndexOf('\n', cut);
            var line = text.AsSpan(cut, (end < 0 ? text.Length : end) - cut).Trim();
            if (line.Length > 0 && line[0] != '#')
                break;
            cut = end < 0 ? text.Length : end + 1;
        }
        return new ManifestChunk(separator, text[..cut], text[cut..]);
    }
}
