using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json.Nodes;
using NodePools.Placement.Input;

namespace NodePools.Placement.Rendering;

/// <summary>One chart's default values, and the values path its parent reaches them under ("" for the chart itself).</summary>
public sealed record ChartValues(string Prefix, string Chart, JsonObject Values);

/// <summary>
/// Reads a chart's default values and those of its subcharts (each under its alias or name, as Helm
/// passes them on) from a chart folder or a .tgz, nested archives included. Bounded in size and depth.
/// </summary>
public static class ChartFiles
{
    private const int MaxSubchartDepth = 5;
    private const long MaxFileBytes = 8 * 1024 * 1024;

    public static string? Version(string chartYaml) =>
        LenientYaml.FirstOrNull(chartYaml)?["version"] is JsonValue value ? value.ToString() : null;

    public static IReadOnlyList<ChartValues> DefaultValues(string chartPath)
    {
        var files = File.Exists(chartPath) ? FromArchive(File.OpenRead(chartPath)) : FromFolder(chartPath);
        var result = new List<ChartValues>();
        Collect(files, "", 0, result);
        return result;
    }

    /// <summary>The files of one chart: relative paths (without the chart's top folder) to their text; nested archives as bytes.</summary>
    private sealed record ChartTree(Dictionary<string, string> Texts, Dictionary<string, byte[]> Archives);

    private static void Collect(ChartTree tree, string prefix, int depth, List<ChartValues> result)
    {
        var chart = tree.Texts.TryGetValue("Chart.yaml", out var chartYaml) ? LenientYaml.FirstOrNull(chartYaml) : null;
        var name = chart?["name"]?.ToString() ?? "chart";
        result.Add(new ChartValues(prefix, name, tree.Texts.TryGetValue("values.yaml", out var values) && LenientYaml.FirstOrNull(values) is JsonObject obj ? obj : new JsonObject()));
        if (depth >= MaxSubchartDepth)
            return;

        var aliases = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var dependency in chart?["dependencies"] as JsonArray ?? [])
        {
            if (dependency?["name"]?.ToString() is not { } dependencyName)
                continue;
            if (!aliases.TryGetValue(dependencyName, out var list))
                aliases[dependencyName] = list = [];
            list.Add(dependency["alias"]?.ToString() ?? dependencyName);
        }

        foreach (var subchart in Subcharts(tree))
        {
            var subchartYaml = subchart.Texts.TryGetValue("Chart.yaml", out var text) ? LenientYaml.FirstOrNull(text) : null;
            var subchartName = subchartYaml?["name"]?.ToString() ?? "";
            foreach (var alias in aliases.GetValueOrDefault(subchartName) ?? [subchartName])
                Collect(subchart, prefix.Length == 0 ? alias : $"{prefix}.{alias}", depth + 1, result);
        }
    }

    private static IEnumerable<ChartTree> Subcharts(ChartTree tree)
    {
        foreach (var (path, bytes) in tree.Archives)
        {
            if (path.StartsWith("charts/", StringComparison.Ordinal) && path.Count(c => c == '/') == 1)
                yield return FromArchive(new MemoryStream(bytes));
        }
        var folders = tree.Texts.Keys
            .Where(path => path.StartsWith("charts/", StringComparison.Ordinal) && path.EndsWith("/Chart.yaml", StringComparison.Ordinal) && path.Count(c => c == '/') == 2)
            .Select(path => path[..path.LastIndexOf('/')]);
        foreach (var folder in folders)
        {
            var texts = tree.Texts.Where(pair => pair.Key.StartsWith(folder + "/", StringComparison.Ordinal))
                .ToDictionary(pair => pair.Key[(folder.Length + 1)..], pair => pair.Value, StringComparer.Ordinal);
            var archives = tree.Archives.Where(pair => pair.Key.StartsWith(folder + "/", StringComparison.Ordinal))
                .ToDictionary(pair => pair.Key[(folder.Length + 1)..], pair => pair.Value, StringComparer.Ordinal);
            yield return new ChartTree(texts, archives);
        }
    }

    private static ChartTree FromFolder(string folder)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var archives = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
            if (new FileInfo(file).Length > MaxFileBytes || !Wanted(relative))
                continue;
            if (relative.EndsWith(".tgz", StringComparison.Ordinal))
                archives[relative] = File.ReadAllBytes(file);
            else
                texts[relative] = File.ReadAllText(file);
        }
        return new ChartTree(texts, archives);
    }

    private static ChartTree FromArchive(Stream stream)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var archives = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using (stream)
        using (var gzip = new GZipStream(stream, CompressionMode.Decompress))
        using (var tar = new TarReader(gzip))
        {
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null || entry.Length > MaxFileBytes)
                    continue;
                // Drop the chart's top folder: "postgresql/values.yaml" -> "values.yaml".
                var slash = entry.Name.IndexOf('/');
                var relative = slash >= 0 ? entry.Name[(slash + 1)..] : entry.Name;
                if (!Wanted(relative))
                    continue;
                using var content = new MemoryStream();
                entry.DataStream.CopyTo(content);
                if (relative.EndsWith(".tgz", StringComparison.Ordinal))
                    archives[relative] = content.ToArray();
                else
                    texts[relative] = System.Text.Encoding.UTF8.GetString(content.ToArray());
            }
        }
        return new ChartTree(texts, archives);
    }

    /// <summary>Only what values discovery reads: Chart.yaml and values.yaml of the chart and its subcharts.</summary>
    private static bool Wanted(string relative) =>
        relative is "Chart.yaml" or "values.yaml"
        || (relative.StartsWith("charts/", StringComparison.Ordinal)
            && (relative.EndsWith("/Chart.yaml", StringComparison.Ordinal) || relative.EndsWith("/values.yaml", StringComparison.Ordinal) || relative.EndsWith(".tgz", StringComparison.Ordinal)));

}
