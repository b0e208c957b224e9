using System.Text.Json;
using System.Text.Json.Nodes;
using NodePools.Placement.Input;

namespace NodePools.Placement.Declaration;

/// <summary>
/// The one parser and validator of a stack declaration, whether it comes from the stack file
/// (the CLI reads YAML) or from Pulumi's Config (the program gets each key's JSON). Every problem
/// is reported at once; nothing is returned unless the whole declaration is valid.
/// </summary>
public static class DeclarationParser
{
    public const string ClusterKey = "cluster";
    public const string PoolsKey = "pools";
    public const string ReleasesKey = "releases";
    public const string PodTemplatesKey = "podTemplates";

    /// <summary>The aws provider's region: the cluster autoscaler is told it (<see cref="StackRegion"/>).</summary>
    public const string RegionKey = "aws:region";

    public static readonly IReadOnlyList<string> Keys = [ClusterKey, PoolsKey, ReleasesKey, PodTemplatesKey];

    /// <summary>The stack file's conventional name.</summary>
    public static string StackFileName(string stack) => $"Pulumi.{stack}.yaml";

    /// <summary>Parses a stack file already read as YAML: its <c>config:</c> mapping holds the declaration.</summary>
    public static StackDeclaration FromStackFile(string project, string stack, ParsedDocument document) =>
        FromStackFile(project, stack, document, decrypted: false);

    private static StackDeclaration FromStackFile(string project, string stack, ParsedDocument document, bool decrypted)
    {
        var diagnostics = new Diagnostics(document, decrypted);
        var root = new ConfigCursor(document.Root, JsonPaths.Root, "", diagnostics);
        if (document.Root is not JsonObject)
        {
            root.Error("a stack file is a mapping with a config: key");
            throw new InvalidInputException(diagnostics.Errors);
        }
        var config = root.Property("config");
        if (config.Node is not JsonObject entries)
        {
            config.Error($"the stack file has no config: mapping; the declaration lives under {project}:cluster, {project}:pools and {project}:releases");
            throw new InvalidInputException(diagnostics.Errors);
        }

        var values = new Dictionary<string, ConfigCursor>(StringComparer.Ordinal);
        string? region = null;
        var elsewhere = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (fullKey, _) in entries)
        {
            var at = new ConfigCursor(entries[fullKey], JsonPaths.Property(config.JsonPath, fullKey), fullKey, diagnostics);
            var colon = fullKey.IndexOf(':');
            var ns = colon > 0 ? fullKey[..colon] : project;
            var name = colon > 0 ? fullKey[(colon + 1)..] : fullKey;
            if (fullKey == RegionKey)
                region = at.String();
            if (ns != project)
            {
                if (Keys.Contains(name))
                    elsewhere.TryAdd(name, fullKey); // the declaration under another project's name
                continue; // another namespace: aws:region, kubernetes:..., read by their own providers
            }
            if (Keys.Contains(name))
                values[name] = at;
            else
                at.Error($"unknown key \"{fullKey}\" (the declaration's keys are {string.Join(", ", Keys.Select(k => $"{project}:{k}"))})");
        }
        return Parse(project, stack, document, diagnostics, name => values.GetValueOrDefault(name), region, elsewhere);
    }

    /// <summary>
    /// Parses the declaration from Pulumi config values: <paramref name="configJson"/> returns the JSON text
    /// Pulumi's Config.Get gives for a structured key (or null when unset).
    /// </summary>
    /// <param name="region">The AWS region the aws provider deploys to (aws:region, or the provider's answer), when known.</param>
    public static StackDeclaration FromConfigValues(string project, string stack, Func<string, string?> configJson, string? region = null)
    {
        var file = StackFileName(stack);
        var config = new JsonObject();
        if (region is not null)
            config[RegionKey] = region;
        var problems = new List<InputError>();
        foreach (var key in Keys)
        {
            if (configJson(key) is not { } json)
                continue;
            try
            {
                config[$"{project}:{key}"] = JsonNode.Parse(json);
            }
            catch (JsonException ex)
            {
                problems.Add(new InputError(file, $"{project}:{key}", $"is not valid JSON: {ex.Message}"));
            }
        }
        if (problems.Count > 0)
            throw new InvalidInputException(problems);
        var document = new ParsedDocument(file, 1, new JsonObject { ["config"] = config }, SourceMap.Empty);
        return FromStackFile(project, stack, document, decrypted: true);
    }

    /// <summary>dependsOn names releases of the stack, not itself, and makes no cycle.</summary>
    private static void CheckReleaseOrder(IReadOnlyList<ReleaseSpec> releases, ConfigCursor? at)
    {
        if (at is null)
            return;
        var names = releases.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var release in releases)
        {
            var dependsOn = at.Property(release.Name).Property("dependsOn");
            foreach (var name in release.Install.DependsOn)
            {
                if (name == release.Name)
                    dependsOn.Error("a release cannot depend on itself");
                else if (!names.Contains(name))
                    dependsOn.Error($"unknown release \"{name}\" (releases: {string.Join(", ", names.Order(StringComparer.Ordinal))})");
            }
        }
        // A cycle: follow dependsOn from each release; meeting it again is a cycle.
        var edges = releases.ToDictionary(r => r.Name, r => r.Install.DependsOn.Where(n => names.Contains(n) && n != r.Name).ToList());
        foreach (var release in releases)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var frontier = new Stack<string>(edges[release.Name]);
            while (frontier.Count > 0)
            {
                var next = frontier.Pop();
                if (next == release.Name)
                {
                    at.Property(release.Name).Property("dependsOn").Error("dependsOn makes a cycle: no release of it could be installed first");
                    break;
                }
                if (seen.Add(next))
                {
                    foreach (var further in edges.GetValueOrDefault(next) ?? [])
                        frontier.Push(further);
                }
            }
        }
    }

    private static StackDeclaration Parse(string project, string stack, ParsedDocument document, Diagnostics diagnostics, Func<string, ConfigCursor?> key,
        string? region, IReadOnlyDictionary<string, string>? elsewhere = null)
    {
        ConfigCursor Required(string name)
        {
            var at = key(name) ?? new ConfigCursor(null, JsonPaths.Property(JsonPaths.Property(JsonPaths.Root, "config"), $"{project}:{name}"), $"{project}:{name}", diagnostics);
            if (!at.Exists)
            {
                at.Error($"is required: the stack file's config needs {project}:{name} (the namespace is the project's name, \"{project}\", from Pulumi.yaml's name:)"
                         + (elsewhere?.GetValueOrDefault(name) is { } found
                             ? $"; this file has {found}: rename its keys to {project}:..., or the project back in Pulumi.yaml"
                             : ""));
            }
            return at;
        }

        var cluster = ClusterParser.Parse(Required(ClusterKey), stack, region);

        var pools = new List<PoolSpec>();
        foreach (var (name, at) in Required(PoolsKey).Entries())
        {
            if (PoolParser.Parse(name, at, cluster?.Version, cluster?.AmiReleaseVersion) is { } pool)
                pools.Add(pool);
        }
        var index = new PoolIndex(pools.Select(p => p.Name).ToList(), pools.ToDictionary(p => p.Name, p => p.Labels));

        var releases = new List<ReleaseSpec>();
        foreach (var (name, at) in key(ReleasesKey)?.Entries() ?? [])
        {
            if (ReleaseParser.Parse(name, at, index) is { } release)
                releases.Add(release);
        }

        if (cluster is not null)
        {
            if (AutoscalerRelease.Declare(cluster, pools, Required(ClusterKey), index, releases.Select(r => r.Name).ToList()) is { } autoscaler)
                releases.Add(autoscaler);
            else if (!AutoscalerRelease.Runs(cluster, pools))
            {
                foreach (var pool in pools.Where(p => p.IgnoreDesiredSizeChanges == true))
                    Required(PoolsKey).Property(pool.Name).Property("ignoreDesiredSizeChanges").Error(
                        "no Cluster Autoscaler runs (cluster.autoscaler is off), so nothing would change the desired size: leave it to the stack");
            }
        }

        CheckReleaseOrder(releases, key(ReleasesKey));

        var templates = new List<PodTemplateConfigMapSpec>();
        if (key(PodTemplatesKey) is { } podTemplates)
        {
            foreach (var (name, at) in podTemplates.Entries())
            {
                if (ReleaseParser.ParsePodTemplate(name, at, index) is { } template)
                    templates.Add(template);
            }
        }

        if (diagnostics.Errors.Count > 0)
            throw new InvalidInputException(diagnostics.Errors);
        return new StackDeclaration
        {
            Project = project,
            Stack = stack,
            Source = document.File,
            Cluster = cluster!,
            Pools = pools,
            Releases = releases,
            PodTemplates = templates,
        };
    }
}
