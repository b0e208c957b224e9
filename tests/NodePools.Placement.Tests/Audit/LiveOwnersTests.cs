using System.Text.Json;
using NodePools.Placement.Audit;
using NodePools.Placement.Kubernetes;

namespace NodePools.Placement.Tests.Audit;

public sealed class LiveOwnersTests
{
    private static LivePod Pod(string? ownerKind, string? ownerName, string? hash = null) => new("p-1", "ns", new PodSpec(), "Running")
    {
        Owner = ownerKind is null ? null : new OwnerReference { Kind = ownerKind, Name = ownerName, Controller = true },
        TemplateHash = hash,
    };

    private static LiveController Controller(string kind, string name, string? ownerKind = null, string? ownerName = null) => new(kind, name, "ns",
        new ClusterObjectMeta { Name = name, OwnerReferences = ownerKind is null ? null : [new OwnerReference { Kind = ownerKind, Name = ownerName, Controller = true }] }, null);

    public static TheoryData<string, string?, string?, string?, string[], string> Cases => new()
    {
        // case, pod owner kind, owner name, pod-template-hash, controllers in the snapshot (kind/name[/ownerKind/ownerName]), expected workload
        { "a ReplicaSet of a Deployment", "ReplicaSet", "web-7c9", "7c9", ["ReplicaSet/web-7c9/Deployment/web"], "ns/Deployment/web" },
        { "a ReplicaSet missing from the snapshot, named by its hash", "ReplicaSet", "web-7c9", "7c9", [], "ns/Deployment/web" },
        { "a ReplicaSet of its own", "ReplicaSet", "legacy", null, ["ReplicaSet/legacy"], "ns/ReplicaSet/legacy" },
        { "a ReplicaSet missing, its name not ending in the hash", "ReplicaSet", "legacy", "7c9", [], "ns/ReplicaSet/legacy" },
        { "a Job of a CronJob", "Job", "backup-29000000", null, ["Job/backup-29000000/CronJob/backup"], "ns/CronJob/backup" },
        { "a Job missing, its CronJob present", "Job", "backup-29000000", null, ["CronJob/backup"], "ns/CronJob/backup" },
        { "a Job missing, no CronJob of that name", "Job", "migrate-1", null, [], "ns/Job/migrate-1" },
        { "a Job of its own", "Job", "migrate-1", null, ["Job/migrate-1"], "ns/Job/migrate-1" },
        { "a StatefulSet", "StatefulSet", "db", null, [], "ns/StatefulSet/db" },
        { "a custom resource", "TaskRun", "build-x", null, [], "ns/TaskRun/build-x" },
        { "no owner", null, null, null, [], "ns/Pod/p-1" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_pods_controller_is_followed_to_the_workload_a_chart_renders(string @case, string? ownerKind, string? ownerName, string? hash, string[] controllers, string expected)
    {
        var snapshot = new ClusterSnapshot([], [], controllers.Select(text => text.Split('/')).Select(parts =>
                parts.Length == 4 ? Controller(parts[0], parts[1], parts[2], parts[3]) : Controller(parts[0], parts[1]))
            .ToDictionary(c => (c.Namespace, c.Kind, c.Name)));
        Assert.True(expected == LiveOwners.Of(Pod(ownerKind, ownerName, hash), snapshot).ToString(), @case);
    }
}
