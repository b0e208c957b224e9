using System.Text.Json;

namespace NodePools.Benchmarks;

/// <summary>
/// Writes a realistic cluster as `kubectl get nodes -o json` and `kubectl get pods -A -o json` would:
/// nodes of five pools across three zones, each with its hostname, status, capacity and images; pods
/// of a few hundred Deployments placed on their pools, already bound to nodes (nodeName), with the
/// status and metadata a live cluster reports; and three DaemonSets with one pod per node, each
/// pinned to its node by matchFields, as the DaemonSet controller does.
/// </summary>
public static class ClusterFiles
{
    private sealed record Pool(string Name, string InstanceType, string Cpu, string Memory, string Pods, (string Key, string Value) Label, (string Key, string Value, string Effect)? Taint);

    private static readonly Pool[] Pools =
    [
        new("system", "m6i.large", "1930m", "7518Mi", "29", ("node-pools.io/role", "system"), null),
        new("services", "m6i.2xlarge", "7910m", "31775Mi", "58", ("union.ai/node-role", "services"), ("union.ai/node-role", "services", "NoSchedule")),
        new("worker", "c6i.2xlarge", "7910m", "15391Mi", "58", ("union.ai/node-role", "worker"), ("union.ai/node-role", "worker", "NoSchedule")),
        new("gpu", "g5.2xlarge", "7910m", "31775Mi", "58", ("gpu", "true"), ("workload", "high-resource", "NoSchedule")),
        new("data-store", "r6i.xlarge", "3920m", "31775Mi", "58", ("data-store", "true"), ("workload", "data-store", "NoSchedule")),
    ];

    private static readonly string[] Zones = ["us-east-1a", "us-east-1b", "us-east-1c"];
    private static readonly string[] DaemonSets = ["aws-node", "kube-proxy", "fluent-bit"];
    private static readonly string[] Cpu = ["50m", "100m", "250m", "500m", "1", "2"];

    public static string NodeName(int i) => $"ip-10-{i / 62500 % 250}-{i / 250 % 250}-{i % 250}.ec2.internal";

    public static void WriteNodes(string path, int count)
    {
        using var stream = File.Create(path);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("apiVersion", "v1");
        writer.WriteStartArray("items");
        for (var i = 0; i < count; i++)
        {
            var pool = Pools[i % Pools.Length];
            var zone = Zones[i / Pools.Length % Zones.Length];
            var name = NodeName(i);
            writer.WriteStartObject();
            writer.WriteString("apiVersion", "v1");
            writer.WriteString("kind", "Node");
            writer.WriteStartObject("metadata");
            writer.WriteString("name", name);
            writer.WriteString("uid", Guid.NewGuid().ToString());
            writer.WriteString("creationTimestamp", "2026-11-30T10:00:00Z");
            writer.WriteStartObject("labels");
            writer.WriteString("kubernetes.io/hostname", name);
            writer.WriteString("kubernetes.io/os", "linux");
            writer.WriteString("kubernetes.io/arch", "amd64");
            writer.WriteString("beta.kubernetes.io/os", "linux");
            writer.WriteString("node.kubernetes.io/instance-type", pool.InstanceType);
            writer.WriteString("topology.kubernetes.io/zone", zone);
            writer.WriteString("topology.kubernetes.io/region", "us-east-1");
            writer.WriteString("eks.amazonaws.com/nodegroup", pool.Name);
            writer.WriteString("eks.amazonaws.com/capacityType", "ON_DEMAND");
            writer.WriteString("eks.amazonaws.com/nodegroup-image", "ami-0123456789abcdef0");
            writer.WriteString("k8s.io/cloud-provider-aws", "a1b2c3d4e5f6");
            writer.WriteString(pool.Label.Key, pool.Label.Value);
            writer.WriteEndObject();
            writer.WriteStartObject("annotations");
            writer.WriteString("alpha.kubernetes.io/provided-node-ip", $"10.0.{i / 250 % 250}.{i % 250}");
            writer.WriteString("node.alpha.kubernetes.io/ttl", "0");
            writer.WriteString("volumes.kubernetes.io/controller-managed-attach-detach", "true");
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteStartObject("spec");
            writer.WriteString("providerID", $"aws:///{zone}/i-{i:x12}");
            if (pool.Taint is var (key, value, effect))
            {
                writer.WriteStartArray("taints");
                writer.WriteStartObject();
                writer.WriteString("key", key);
                writer.WriteString("value", value);
                writer.WriteString("effect", effect);
                writer.WriteEndObject();
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
            writer.WriteStartObject("status");
            foreach (var property in new[] { "capacity", "allocatable" })
            {
                writer.WriteStartObject(property);
                writer.WriteString("cpu", pool.Cpu);
                writer.WriteString("memory", pool.Memory);
                writer.WriteString("pods", pool.Pods);
                writer.WriteString("ephemeral-storage", "18242267924");
                writer.WriteEndObject();
            }
            writer.WriteStartArray("conditions");
            foreach (var condition in new[] { "MemoryPressure", "DiskPressure", "PIDPressure", "Ready" })
            {
                writer.WriteStartObject();
                writer.WriteString("type", condition);
                writer.WriteString("status", condition == "Ready" ? "True" : "False");
                writer.WriteString("lastHeartbeatTime", "2026-12-01T10:00:00Z");
                writer.WriteString("reason", $"Kubelet{condition}");
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartArray("images");
            for (var image = 0; image < 8; image++)
            {
                writer.WriteStartObject();
                writer.WriteStartArray("names");
                writer.WriteStringValue($"602401143452.dkr.ecr.us-east-1.amazonaws.com/image-{image}@sha256:{image:x64}");
                writer.WriteEndArray();
                writer.WriteNumber("sizeBytes", 100_000_000 + image);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteString("kind", "List");
        writer.WriteEndObject();
    }

    /// <summary>Pods of <paramref name="templates"/> Deployments, plus one pod per node for each DaemonSet when <paramref name="daemonSets"/>.</summary>
    public static void WritePods(string path, int count, int nodes, int templates, bool daemonSets, int seed = 11)
    {
        var random = new Random(seed);
        using var stream = File.Create(path);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("apiVersion", "v1");
        writer.WriteStartArray("items");
        var written = 0;
        if (daemonSets)
        {
            for (var node = 0; node < nodes && written < count; node++)
            {
                foreach (var daemonSet in DaemonSets)
                {
                    if (written++ >= count)
                        break;
                    WritePod(writer, $"{daemonSet}-{node:x5}", "kube-system", daemonSet, "DaemonSet", NodeName(node), pool: null, template: 0, daemonSet: true);
                }
            }
        }
        while (written < count)
        {
            var template = random.Next(templates);
            var pool = Pools[template % Pools.Length];
            var node = random.Next(nodes / Pools.Length) * Pools.Length + Array.IndexOf(Pools, pool);
            WritePod(writer, $"app-{template}-{written:x6}", $"team-{template % 40}", $"app-{template}", "ReplicaSet", NodeName(Math.Min(node, nodes - 1)), pool, template, daemonSet: false);
            written++;
        }
        writer.WriteEndArray();
        writer.WriteString("kind", "List");
        writer.WriteEndObject();
    }

    private static void WritePod(Utf8JsonWriter writer, string name, string ns, string app, string owner, string nodeName, Pool? pool, int template, bool daemonSet)
    {
        writer.WriteStartObject();
        writer.WriteString("apiVersion", "v1");
        writer.WriteString("kind", "Pod");
        writer.WriteStartObject("metadata");
        writer.WriteString("name", name);
        writer.WriteString("namespace", ns);
        writer.WriteString("uid", "5f0c4e7a-0000-4000-8000-000000000000");
        writer.WriteString("resourceVersion", "123456789");
        writer.WriteString("creationTimestamp", "2026-12-01T10:00:00Z");
        writer.WriteStartObject("labels");
        writer.WriteString("app.kubernetes.io/name", app);
        writer.WriteString("pod-template-hash", "6d4b75cb6d");
        writer.WriteEndObject();
        writer.WriteStartArray("ownerReferences");
        writer.WriteStartObject();
        writer.WriteString("apiVersion", "apps/v1");
        writer.WriteString("kind", owner);
        writer.WriteString("name", app);
        writer.WriteBoolean("controller", true);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();

        writer.WriteStartObject("spec");
        writer.WriteString("nodeName", nodeName);
        if (daemonSet)
        {
            writer.WriteBoolean("hostNetwork", app != "fluent-bit");
            writer.WriteStartObject("affinity");
            writer.WriteStartObject("nodeAffinity");
            writer.WriteStartObject("requiredDuringSchedulingIgnoredDuringExecution");
            writer.WriteStartArray("nodeSelectorTerms");
            writer.WriteStartObject();
            writer.WriteStartArray("matchFields");
            writer.WriteStartObject();
            writer.WriteString("key", "metadata.name");
            writer.WriteString("operator", "In");
            writer.WriteStartArray("values");
            writer.WriteStringValue(nodeName);
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteStartArray("tolerations");
            writer.WriteStartObject();
            writer.WriteString("operator", "Exists");
            writer.WriteEndObject();
            writer.WriteEndArray();
        }
        else if (pool is not null)
        {
            if (template % 3 == 0)
            {
                writer.WriteStartObject("nodeSelector");
                writer.WriteString(pool.Label.Key, pool.Label.Value);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteStartObject("affinity");
                writer.WriteStartObject("nodeAffinity");
                writer.WriteStartObject("requiredDuringSchedulingIgnoredDuringExecution");
                writer.WriteStartArray("nodeSelectorTerms");
                writer.WriteStartObject();
                writer.WriteStartArray("matchExpressions");
                writer.WriteStartObject();
                writer.WriteString("key", pool.Label.Key);
                writer.WriteString("operator", "In");
                writer.WriteStartArray("values");
                writer.WriteStringValue(pool.Label.Value);
                writer.WriteEndArray();
                writer.WriteEndObject();
                writer.WriteEndArray();
                writer.WriteEndObject();
                writer.WriteEndArray();
                writer.WriteEndObject();
                if (template % 3 == 2)
                {
                    writer.WriteStartArray("preferredDuringSchedulingIgnoredDuringExecution");
                    writer.WriteStartObject();
                    writer.WriteNumber("weight", 50);
                    writer.WriteStartObject("preference");
                    writer.WriteStartArray("matchExpressions");
                    writer.WriteStartObject();
                    writer.WriteString("key", "topology.kubernetes.io/zone");
                    writer.WriteString("operator", "In");
                    writer.WriteStartArray("values");
                    writer.WriteStringValue(Zones[template % Zones.Length]);
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                    writer.WriteEndArray();
                }
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            writer.WriteStartArray("tolerations");
            if (pool.Taint is var (key, value, effect))
            {
                writer.WriteStartObject();
                writer.WriteString("key", key);
                writer.WriteString("operator", "Equal");
                writer.WriteString("value", value);
                writer.WriteString("effect", effect);
                writer.WriteEndObject();
            }
            foreach (var admission in new[] { "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable" })
            {
                writer.WriteStartObject();
                writer.WriteString("key", admission);
                writer.WriteString("operator", "Exists");
                writer.WriteString("effect", "NoExecute");
                writer.WriteNumber("tolerationSeconds", 300);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteStartArray("containers");
        writer.WriteStartObject();
        writer.WriteString("name", "main");
        writer.WriteString("image", $"123456789012.dkr.ecr.us-east-1.amazonaws.com/{app}:1.{template}.0");
        writer.WriteString("imagePullPolicy", "IfNotPresent");
        writer.WriteStartArray("env");
        foreach (var variable in new[] { "LOG_LEVEL", "PORT", "REGION" })
        {
            writer.WriteStartObject();
            writer.WriteString("name", variable);
            writer.WriteString("value", "value");
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartObject("resources");
        writer.WriteStartObject("requests");
        writer.WriteString("cpu", Cpu[template % Cpu.Length]);
        writer.WriteString("memory", $"{64 << (template % 5)}Mi");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteStartArray("volumeMounts");
        writer.WriteStartObject();
        writer.WriteString("name", "kube-api-access");
        writer.WriteString("mountPath", "/var/run/secrets/kubernetes.io/serviceaccount");
        writer.WriteBoolean("readOnly", true);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteString("restartPolicy", "Always");
        writer.WriteString("schedulerName", "default-scheduler");
        writer.WriteString("serviceAccountName", "default");
        writer.WriteEndObject();

        writer.WriteStartObject("status");
        writer.WriteString("phase", "Running");
        writer.WriteString("hostIP", "10.0.0.1");
        writer.WriteString("podIP", "10.0.128.7");
        writer.WriteStartArray("conditions");
        foreach (var condition in new[] { "Initialized", "Ready", "ContainersReady", "PodScheduled" })
        {
            writer.WriteStartObject();
            writer.WriteString("type", condition);
            writer.WriteString("status", "True");
            writer.WriteString("lastTransitionTime", "2026-12-01T10:00:05Z");
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("containerStatuses");
        writer.WriteStartObject();
        writer.WriteString("name", "main");
        writer.WriteBoolean("ready", true);
        writer.WriteNumber("restartCount", 0);
        writer.WriteString("imageID", "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        writer.WriteString("containerID", "containerd://0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteString("qosClass", "Burstable");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
