using System.Text.Json.Nodes;
using NodePools.Placement.Kubernetes.Validation;

namespace NodePools.Placement.Declaration;

/// <summary>Reads releases, their slots, and standalone pod-template ConfigMaps.</summary>
internal static class ReleaseParser
{
    private static readonly string[] ReleaseKeys = ["chart", "repository", "version", "namespace", "intent", "values", "secretValues", "slots", "acknowledge",
        "timeout", "atomic", "cleanupOnFail", "skipAwait", "dependsOn", "protect", "patches"];
    private static readonly string[] SlotKeyNames =
        ["path", "style", "intent", "daemonSet", "replicas", "spreadAcrossNodes", "podLabels", "requests", "nodeSelector", "affinity", "merge"];

    public static ReleaseSpec? Parse(string name, ConfigCursor at, PoolIndex pools)
    {
        if (!at.ExpectMapping(ReleaseKeys))
        {
            if (!at.Exists)
                at.Error("a release needs chart, repository, version and namespace");
            return null;
        }
        if (name.Length > 53 || NameRules.Dns1123Subdomain(name).Count > 0 || name.Contains('.'))
            at.Error($"release name \"{name}\" must be a DNS-1123 label of at most 53 characters (Helm's rule)");

        var valuesAt = at.Property("values");
        var values = valuesAt.Node switch
        {
            null => new JsonObject(),
            JsonObject obj => (JsonObject)obj.DeepClone(),
            _ => null,
        };
        if (values is null)
        {
            valuesAt.Error("values must be a mapping (the chart's values)");
            values = new JsonObject();
        }
        foreach (var path in SecretValues.SecureLeaves(values))
            valuesAt.Error($"values.{path} is a secure: value: move it to secretValues (secretValues: {{{path}: {{secure: ...}}}}), "
                           + "which the program hands to Helm as a secret, so it never appears in state or previews in plain text");
        var secretValues = SecretValues.Read(at.Property("secretValues"));
        SecretValues.WriteInto(values, secretValues, at.Property("secretValues"));

        var intentAt = at.Property("intent");
        var releaseIntent = intentAt.Exists ? IntentParser.Parse(intentAt, pools.Names, pools.Labels) : null;

        var slots = new List<SlotSpec>();
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in at.Property("slots").Items())
        {
            if (Slot(item, pools, releaseIntent) is not { } slot)
                continue;
            if (paths.TryGetValue(slot.Path, out var first))
                item.Property("path").Error($"slot path \"{slot.Path}\" is declared twice (also at {first})");
            paths.TryAdd(slot.Path, item.Key);
            CheckOwnedKeys(item, slot, values);
            slots.Add(slot);
        }

        return new ReleaseSpec
        {
            Name = name,
            Chart = at.Property("chart").RequiredString(),
            Repository = at.Property("repository").RequiredString(),
            Version = at.Property("version").RequiredString(),
            Namespace = Namespace(at.Property("namespace")),
            Values = values,
            Slots = slots,
            Intent = releaseIntent ?? new IntentSpec(),
            Acknowledgements = Acknowledgements(at.Property("acknowledge"), pools),
            Patches = PatchParser.Parse(at.Property("patches"), pools),
            Install = new InstallSpec
            {
                TimeoutSeconds = at.Property("timeout").Int(30, 24 * 3600) ?? InstallSpec.DefaultTimeoutSeconds,
                Atomic = at.Property("atomic").Bool(false),
                CleanupOnFail = at.Property("cleanupOnFail").Bool(false),
                SkipAwait = at.Property("skipAwait").Bool(false),
                Protect = at.Property("protect").Bool(false),
                DependsOn = at.Property("dependsOn").Strings(),
            },
            SecretValues = secretValues,
        };
    }

    /// <summary>acknowledge: [{workload: Job/name, pool: system, reason: ...}]</summary>
    private static IReadOnlyList<AcknowledgementSpec> Acknowledgements(ConfigCursor at, PoolIndex pools)
    {
        var acknowledgements = new List<AcknowledgementSpec>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in at.Items())
        {
            if (!item.ExpectMapping("workload", "pool", "reason"))
                continue;
            var workload = item.Property("workload").String(required: true);
            if (workload is null)
                continue;
            // KIND/NAME; an operator's workload that shares its name with another is named with its resource too.
            var parts = workload.Split('/');
            if (parts.Length is not (2 or 4) || parts.Any(part => part.Length == 0))
                item.Property("workload").Error($"\"{workload}\" must be KIND/NAME as the chart renders it, e.g. Job/argocd-redis-secret-init "
                                                + "(or the custom resource an operator makes it from, e.g. KnativeServing/serving)");
            else if (!seen.Add(workload))
                item.Property("workload").Error($"{workload} is acknowledged twice");
            var poolAt = item.Property("pool");
            if (!poolAt.Exists)
                poolAt.Error("is required: the pool the workload runs on instead");
            var named = IntentParser.RequiredPools(poolAt);
            foreach (var unknown in named.Where(name => !pools.Names.Contains(name)))
                poolAt.Error($"unknown pool \"{unknown}\" (pools: {string.Join(", ", pools.Names)})");
            acknowledgements.Add(new AcknowledgementSpec { Workload = workload, Pools = named, Reason = item.Property("reason").String() });
        }
        return acknowledgements;
    }

    public static PodTemplateConfigMapSpec? ParsePodTemplate(string name, ConfigCursor at, PoolIndex pools)
    {
        if (!at.ExpectMapping("namespace", "key", "intent"))
            return null;
        foreach (var message in NameRules.Dns1123Subdomain(name))
            at.Error($"ConfigMap name \"{name}\": {message}");
        var key = at.Property("key").String() ?? "template";
        if (key.Length is 0 or > 253 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            at.Property("key").Error($"ConfigMap key \"{key}\" must be 1–253 letters, digits, '-', '_' or '.'");
        var intentAt = at.Property("intent");
        if (!intentAt.Exists)
            intentAt.Error("an intent is required (e.g. pool: dispatch)");
        return new PodTemplateConfigMapSpec
        {
            Name = name,
            Namespace = Namespace(at.Property("namespace")),
            Key = key,
            Intent = IntentParser.Parse(intentAt, pools.Names, pools.Labels),
        };
    }

    private static SlotSpec? Slot(ConfigCursor at, PoolIndex pools, IntentSpec? releaseIntent)
    {
        if (!at.ExpectMapping(SlotKeyNames))
            return null;
        var path = at.Property("path").String(required: true);
        if (path is null)
            return null;
        path = path is "." ? "" : path;
        if (path.Split('.').Any(segment => segment.Length == 0) && path.Length > 0)
            at.Property("path").Error($"slot path \"{path}\" has an empty segment: write keys separated by single dots, or \".\" for the root");

        var styleAt = at.Property("style");
        var styleText = styleAt.String() ?? SlotStyles.Default.Name;
        var style = SlotStyles.Parse(styleText);
        if (style is null)
            styleAt.Error($"slot style \"{styleText}\" must be {SlotStyles.Names}");
        if (style is { IsTemplateString: true } && path.Length == 0)
            at.Property("path").Error($"a {style.Name} slot writes a YAML string at its path, so the path cannot be the root");

        var intentAt = at.Property("intent");
        if (!intentAt.Exists && releaseIntent is null)
            intentAt.Error("an intent is required (e.g. pool: services), here or on the release; use {} to place nothing");
        var spread = at.Property("spreadAcrossNodes").Bool(false);
        var podLabels = at.Property("podLabels").StringMap();
        if (spread && podLabels.Count == 0)
            at.Property("podLabels").Error("spreadAcrossNodes needs podLabels: the labels of this slot's pods, which the anti-affinity selects on");
        var nodeSelector = at.Property("nodeSelector").Bool(false);
        var affinity = at.Property("affinity").Bool(true);
        if (!affinity && !nodeSelector)
            at.Property("affinity").Error("affinity: false leaves the slot only tolerations, which admit its pods to a pool without keeping them there: set nodeSelector: true as well");
        if (!affinity && spread)
            at.Property("affinity").Error("spreadAcrossNodes is written as pod anti-affinity, which affinity: false does not write");

        return new SlotSpec
        {
            Path = path,
            Style = (style ?? SlotStyles.Default).Style,
            Intent = intentAt.Exists ? IntentParser.Parse(intentAt, pools.Names, pools.Labels) : releaseIntent!,
            DaemonSet = at.Property("daemonSet").Bool(false),
            Replicas = at.Property("replicas").Int(1, 10_000) ?? 1,
            SpreadAcrossNodes = spread,
            PodLabels = podLabels,
            Requests = at.Property("requests").StringMap(),
            NodeSelector = nodeSelector,
            Affinity = affinity,
            Merge = at.Property("merge").Bool(false),
        };
    }

    /// <summary>One source of truth: a value the user wrote where placement is derived is refused unless merge is asked for.</summary>
    private static void CheckOwnedKeys(ConfigCursor at, SlotSpec slot, JsonObject values)
    {
        if (slot.Merge)
            return;
        foreach (var path in SlotStyles.OwnedPaths(slot))
        {
            JsonNode? node = values;
            foreach (var segment in path)
                node = node is JsonObject obj ? obj[segment] : null;
            if (node is not null)
                at.Error($"values.{string.Join('.', path)} is written by this slot's placement and also set in the release's values: "
                         + "remove it from values (placement is derived from the pools), or set merge: true on the slot to combine them");
        }
    }

    private static string Namespace(ConfigCursor at)
    {
        var ns = at.String() ?? "default";
        if (ns.Length > 63 || NameRules.Dns1123Subdomain(ns).Count > 0 || ns.Contains('.'))
            at.Error($"namespace \"{ns}\" must be a DNS-1123 label (lower-case letters, digits and '-', at most 63)");
        return ns;
    }
}

/// <summary>Pool names and labels, which intents are checked against.</summary>
internal sealed record PoolIndex(IReadOnlyCollection<string> Names, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Labels);
