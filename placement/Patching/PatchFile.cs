using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using NodePools.Placement.Declaration;
using NodePools.Placement.Input;
using NodePools.Placement.Planning;

namespace NodePools.Placement.Patching;

/// <summary>
/// A release's resolved patches as a file, for `nodepools postrender --patches FILE`: what the plan
/// resolved is what the post-renderer applies, with no declaration read again at install time.
/// </summary>
public static class PatchFile
{
    public const int Version = 1;

    public static string Serialize(string release, string releaseNamespace, IReadOnlyList<ManifestPatch> patches) =>
        JsonSerializer.Serialize(new PatchFileModel
        {
            Version = Version,
            Release = release,
            Namespace = releaseNamespace,
            Patches = patches.Select(patch => new PatchFileEntry
            {
                Target = new PatchFileTarget { Kind = patch.Target.Kind, Name = patch.Target.Name, ApiVersion = patch.Target.ApiVersion, Namespace = patch.Target.Namespace },
                Path = patch.Path.ToString(),
                Merge = (JsonObject)patch.Merge.DeepClone(),
            }).ToList(),
        }, PatchFileJsonContext.Default.PatchFileModel) + "\n";

    /// <summary>The first 16 hex digits of the file's SHA-256: a new digest for any change of patches.</summary>
    public static string Digest(string serialized) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(serialized)))[..16];

    /// <exception cref="InvalidInputException">The file cannot be read or is not a patch file, with the key and rule.</exception>
    public static (string Release, string Namespace, IReadOnlyList<ManifestPatch> Patches) Read(string file)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InvalidInputException(new InputError(file, "", ex is FileNotFoundException or DirectoryNotFoundException ? "file not found" : $"cannot be read: {ex.Message}"));
        }
        return Parse(file, text);
    }

    public static (string Release, string Namespace, IReadOnlyList<ManifestPatch> Patches) Parse(string file, string text)
    {
        PatchFileModel? model;
        try
        {
            model = JsonSerializer.Deserialize(text, PatchFileJsonContext.Default.PatchFileModel);
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException(new InputError(file, ex.Path ?? "", $"not a nodepools patch file: {ex.Message.Split(" Path:")[0]}"));
        }
        var errors = new List<InputError>();
        if (model is null || model.Version != Version)
            errors.Add(new InputError(file, "version", $"must be {Version}: this file was written by another version of nodepools (write it again with this one)"));
        var patches = new List<ManifestPatch>();
        foreach (var (entry, index) in (model?.Patches ?? []).Select((entry, index) => (entry, index)))
        {
            var key = $"patches[{index}]";
            var (path, problem) = PatchPath.Parse(entry.Path ?? "");
            if (problem is not null)
                errors.Add(new InputError(file, $"{key}.path", problem));
            if (entry.Target is not { Kind.Length: > 0, Name.Length: > 0 } target)
                errors.Add(new InputError(file, $"{key}.target", "needs kind and name"));
            else if (entry.Merge is null)
                errors.Add(new InputError(file, $"{key}.merge", "is required: the JSON merge patch to apply"));
            else if (path is not null)
                patches.Add(new ManifestPatch(new PatchTarget(target.Kind, target.Name) { ApiVersion = target.ApiVersion, Namespace = target.Namespace }, path, entry.Merge));
        }
        if (model is not null && string.IsNullOrEmpty(model.Namespace))
            errors.Add(new InputError(file, "namespace", "is required: the release's namespace, where objects rendered without one are installed"));
        if (errors.Count > 0)
            throw new InvalidInputException(errors);
        return (model!.Release ?? "", model.Namespace!, patches);
    }
}

internal sealed class PatchFileModel
{
    public int Version { get; set; }
    public string? Release { get; set; }
    public string? Namespace { get; set; }
    public List<PatchFileEntry>? Patches { get; set; }
}

internal sealed class PatchFileEntry
{
    public PatchFileTarget? Target { get; set; }
    public string? Path { get; set; }
    public JsonObject? Merge { get; set; }
}

internal sealed class PatchFileTarget
{
    public string Kind { get; set; } = "";
    public string Name { get; set; } = "";
    public string? ApiVersion { get; set; }
    public string? Namespace { get; set; }
}

// "\n" on every system: the file's digest names the post-renderer, so Windows and Linux must write the same bytes.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true, NewLine = "\n", UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(PatchFileModel))]
internal sealed partial class PatchFileJsonContext : JsonSerializerContext;
