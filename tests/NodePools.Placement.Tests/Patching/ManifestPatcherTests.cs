using System.Text.Json.Nodes;
using NodePools.Placement.Declaration;
using NodePools.Placement.Input;
using NodePools.Placement.Patching;
using NodePools.Placement.Planning;

namespace NodePools.Placement.Tests.Patching;

/// <summary>
/// The one function Helm's post-renderer and the check's render apply: JSON merge patch semantics at
/// a path of a target object, in `helm template`-style multi-document YAML.
/// </summary>
public class ManifestPatcherTests
{
    private const string Deployment = """
        ---
        # Source: chart/templates/deployment.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels: {app: web}
        spec:
          replicas: 2
          template:
            spec:
              # the chart's own affinity
              affinity:
                podAntiAffinity: {preferredDuringSchedulingIgnoredDuringExecution: []}
                nodeAffinity:
                  preferredDuringSchedulingIgnoredDuringExecution:
                    - {weight: 1, preference: {matchExpressions: [{key: zone, operator: In, values: [a]}]}}
              tolerations:
                - {key: CriticalAddonsOnly, operator: Exists}
              containers:
                - name: web
                  image: nginx
        """;

    /// <summary>As the post-renderer applies patches: hooks pass through.</summary>
    private static PatchResult PostRender(string manifests, string releaseNamespace, IReadOnlyList<ManifestPatch> patches) =>
        ManifestPatcher.Apply(manifests, releaseNamespace, patches, HookHandling.PassThrough);

    private static ManifestPatch Patch(string kind, string name, string path, string merge, string? ns = null, string? apiVersion = null) =>
        new(new PatchTarget(kind, name) { Namespace = ns, ApiVersion = apiVersion }, PatchPath.Parse(path).Path!, (JsonObject)JsonNode.Parse(merge)!);

    private static JsonNode? Object(string output, string kind, string name) =>
        LenientYaml.Parse(output).Select(d => d.Root).OfType<JsonObject>()
            .SelectMany(root => root["kind"]?.ToString()?.EndsWith("List", StringComparison.Ordinal) == true ? root["items"]!.AsArray().OfType<JsonObject>() : [root])
            .Single(obj => obj["kind"]!.ToString() == kind && obj["metadata"]!["name"]!.ToString() == name);

    /// <summary>RFC 7386: mappings merge, null deletes, lists and scalars are replaced, missing mappings are created.</summary>
    public static TheoryData<string, string, string, string> MergeCases => new()
    {
        // description, path, merge patch, the pod spec (or object) field checked, as JSON
        { "a scalar is replaced", ".", """{"spec":{"replicas":3}}""", """{"spec.replicas":3}""" },
        { "a list is replaced whole", "spec.template.spec", """{"tolerations":[{"key":"pool","operator":"Exists"}]}""",
            """{"spec.template.spec.tolerations":[{"key":"pool","operator":"Exists"}]}""" },
        { "mappings merge: other keys stay", "spec.template.spec", """{"affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[]}}}}""",
            """{"spec.template.spec.affinity.podAntiAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[]},"spec.template.spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution":[{"weight":1,"preference":{"matchExpressions":[{"key":"zone","operator":"In","values":["a"]}]}}]}""" },
        { "null deletes a key", "spec.template.spec", """{"affinity":{"nodeAffinity":null}}""",
            """{"spec.template.spec.affinity":{"podAntiAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[]}}}""" },
        { "a missing mapping is created", "spec.template.spec", """{"nodeSelector":{"pool":"services"}}""", """{"spec.template.spec.nodeSelector":{"pool":"services"}}""" },
        { "a missing path is created", "spec.template.metadata.annotations", """{"team":"web"}""", """{"spec.template.metadata.annotations":{"team":"web"}}""" },
        { "a mapping replaces a scalar", ".", """{"spec":{"replicas":{"min":1}}}""", """{"spec.replicas":{"min":1}}""" },
        { "a string that reads as a number stays a string", ".", """{"metadata":{"labels":{"version":"1.10"}}}""", """{"metadata.labels.version":"1.10"}""" },
    };

    [Theory]
    [MemberData(nameof(MergeCases))]
    public void Merge_semantics(string description, string path, string merge, string expected)
    {
        var result = PostRender(Deployment, "apps", [Patch("Deployment", "web", path, merge)]);

        var web = Object(result.Output, "Deployment", "web")!;
        foreach (var (field, value) in JsonNode.Parse(expected)!.AsObject())
        {
            var actual = field.Split('.').Aggregate((JsonNode?)web, (node, key) => node?[key]);
            Assert.True(JsonNode.DeepEquals(value, actual), $"{description}: {field} is {actual?.ToJsonString()}, expected {value?.ToJsonString()}");
        }
        Assert.Equal(["Deployment/web"], result.Outcomes.Single().Applied);
    }

    private const string Serving = """
        apiVersion: operator.knative.dev/v1beta1
        kind: KnativeServing
        metadata:
          name: serving
          namespace: knative-serving
        spec:
          workloads:
            - name: activator
              replicas: 2
        """;

    public static TheoryData<string, string, string, string, string> PathCases => new()
    {
        // description, object, path, merge patch, expected spec.workloads (JSON)
        { "an existing entry is selected by its field", Serving, "spec.workloads[name=activator]", """{"nodeSelector":{"pool":"services"}}""",
            """[{"name":"activator","replicas":2,"nodeSelector":{"pool":"services"}}]""" },
        { "a missing entry is added with its field", Serving, "spec.workloads[name=webhook]", """{"replicas":1}""",
            """[{"name":"activator","replicas":2},{"name":"webhook","replicas":1}]""" },
        { "a missing list is created", Serving.Replace("  workloads:\n    - name: activator\n      replicas: 2\n", "  version: \"1.15\"\n"),
            "spec.workloads[name=activator]", """{"replicas":1}""", """[{"name":"activator","replicas":1}]""" },
        { "a selected value may hold dots", Serving, "spec.workloads[name=a.b]", """{"replicas":1}""",
            """[{"name":"activator","replicas":2},{"name":"a.b","replicas":1}]""" },
    };

    [Theory]
    [MemberData(nameof(PathCases))]
    public void Paths_select_list_entries_by_a_field_and_create_what_is_missing(string description, string obj, string path, string merge, string expected)
    {
        var result = PostRender(obj, "union", [Patch("KnativeServing", "serving", path, merge)]);
        var actual = Object(result.Output, "KnativeServing", "serving")!["spec"]!["workloads"];
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"{description}: {actual?.ToJsonString()}");
    }

    public static TheoryData<string, string, string> BlockedPaths => new()
    {
        // description, path, the problem reported
        { "a list where a mapping is needed", "spec.workloads.activator", "spec.workloads is a list, not a mapping" },
        { "a mapping where a list is needed", "spec[name=x]", "spec is a mapping, not a list" },
        { "a scalar on the way", "metadata.name.first", "metadata.name is the value \"serving\", not a mapping" },
        { "a scalar at the end", "spec.workloads[name=activator].replicas", "spec.workloads[name=activator].replicas is the value \"2\", not a mapping" },
    };

    [Theory]
    [MemberData(nameof(BlockedPaths))]
    public void A_path_through_the_wrong_kind_of_value_leaves_the_object_as_it_was(string description, string path, string problem)
    {
        var result = PostRender(Serving, "union", [Patch("KnativeServing", "serving", path, """{"x":1}""")]);
        Assert.Equal(Serving, result.Output);
        var outcome = result.Outcomes.Single();
        Assert.Empty(outcome.Applied);
        Assert.True(outcome.Problems.Single().Contains(problem, StringComparison.Ordinal), $"{description}: {outcome.Problems.Single()}");
        Assert.Contains(problem, Assert.Single(result.Problems));
    }

    public static TheoryData<string, string, string, string?, string?, bool> Matching => new()
    {
        // description, kind, name, namespace, apiVersion, whether it applies to the Deployment "web" (rendered without a namespace, installed in "apps")
        { "kind and name", "Deployment", "web", null, null, true },
        { "another name", "Deployment", "api", null, null, false },
        { "another kind", "StatefulSet", "web", null, null, false },
        { "the release's namespace, for an object rendered without one", "Deployment", "web", "apps", null, true },
        { "another namespace", "Deployment", "web", "other", null, false },
        { "its apiVersion", "Deployment", "web", null, "apps/v1", true },
        { "another apiVersion", "Deployment", "web", null, "apps/v1beta2", false },
    };

    [Theory]
    [MemberData(nameof(Matching))]
    public void Targets_match_on_kind_name_and_when_given_apiVersion_and_namespace(string description, string kind, string name, string? ns, string? apiVersion, bool applies)
    {
        var outcome = PostRender(Deployment, "apps", [Patch(kind, name, ".", """{"metadata":{"labels":{"patched":"true"}}}""", ns, apiVersion)]).Outcomes.Single();
        Assert.True(applies == (outcome.Applied.Count == 1), description);
    }

    [Fact]
    public void Documents_no_patch_targets_pass_through_byte_for_byte()
    {
        const string Others = """
            ---
            # Source: chart/templates/configmap.yaml
            # a comment the post-renderer must keep
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: web-config}   # trailing comment
            data:
              mode: "0755"
              enabled: on
            ---
            # Source: chart/templates/crd.yaml
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: things.example.com
            """;
        var input = Others + "\n" + Deployment.Replace("name: web\n", "name: web\n", StringComparison.Ordinal) + "\n" + Others.Replace("web-config", "other", StringComparison.Ordinal);

        var result = PostRender(input, "apps", [Patch("Deployment", "web", ".", """{"spec":{"replicas":3}}""")]);

        var (before, after) = (input.Split("---\n"), result.Output.Split("---\n"));
        Assert.Equal(before.Length, after.Length);
        for (var i = 0; i < before.Length; i++)
        {
            if (before[i].Contains("kind: Deployment", StringComparison.Ordinal))
                Assert.NotEqual(before[i], after[i]);
            else
                Assert.Equal(before[i], after[i]);
        }
    }

    [Fact]
    public void A_patched_document_keeps_its_source_comment_and_what_its_untouched_values_mean()
    {
        const string Input = """
            ---
            # Source: chart/templates/deployment.yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              annotations:
                enabled: on
                quoted: "1"
            spec:
              template:
                spec:
                  volumes:
                    - name: scripts
                      configMap: {name: scripts, defaultMode: 0755}
                  containers:
                    - name: web
                      # an inner comment, dropped with the document's rewrite
                      args:
                        - |
                          line one
                          line two
            """;

        var output = PostRender(Input, "apps", [Patch("Deployment", "web", "spec.template.spec", """{"nodeSelector":{"pool":"web"}}""")]).Output;

        Assert.StartsWith("---\n# Source: chart/templates/deployment.yaml\napiVersion: apps/v1\n", output, StringComparison.Ordinal);
        // Helm reads YAML 1.1: 0755 stays an octal number, on stays a boolean, "1" a string, the literal block a literal block.
        Assert.Contains("defaultMode: 0755", output, StringComparison.Ordinal);
        Assert.Contains("enabled: on", output, StringComparison.Ordinal);
        Assert.Contains("quoted: \"1\"", output, StringComparison.Ordinal);
        Assert.Matches(@"- \|-?\n +line one\n +line two", output);
        Assert.DoesNotContain("an inner comment", output, StringComparison.Ordinal);
        Assert.Contains("pool: web", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Objects_inside_a_List_are_targets()
    {
        const string Input = """
            apiVersion: v1
            kind: List
            items:
              - {apiVersion: apps/v1, kind: Deployment, metadata: {name: api}, spec: {replicas: 1}}
              - {apiVersion: apps/v1, kind: Deployment, metadata: {name: web}, spec: {replicas: 1}}
            """;
        var result = PostRender(Input, "apps", [Patch("Deployment", "web", ".", """{"spec":{"replicas":4}}""")]);
        Assert.Equal(4, Object(result.Output, "Deployment", "web")!["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(1, Object(result.Output, "Deployment", "api")!["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(["Deployment/web"], result.Outcomes.Single().Applied);
    }

    [Fact]
    public void Helm_hooks_are_left_as_rendered_and_reported()
    {
        var hook = Deployment.Replace("  labels: {app: web}\n", "  annotations: {helm.sh/hook: post-install}\n", StringComparison.Ordinal);
        var result = PostRender(hook, "apps", [Patch("Deployment", "web", ".", """{"spec":{"replicas":3}}""")]);
        Assert.Equal(hook, result.Output);
        var outcome = result.Outcomes.Single();
        Assert.True(outcome.Unapplied);
        Assert.Equal(["Deployment/web"], outcome.Hooks);
    }

    private const string HookServing = """
        apiVersion: operator.knative.dev/v1beta1
        kind: KnativeServing
        metadata:
          name: serving
          annotations: {helm.sh/hook: "post-install,post-upgrade", helm.sh/hook-delete-policy: before-hook-creation}
        spec:
          workloads:
            - {name: activator, affinity: {podAntiAffinity: {preferredDuringSchedulingIgnoredDuringExecution: []}}}
        """;

    private const string HookJob = """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: serving, annotations: {helm.sh/hook: pre-install}}
        spec: {template: {spec: {containers: [{name: c, image: busybox}]}}}
        """;

    /// <summary>
    /// The check's render patches hooks as the server-side apply after the release does, and refuses
    /// what that apply cannot reach or express: (manifest, path, merge, hook patched, refusal).
    /// </summary>
    public static TheoryData<string, string, string, bool, string?> HookCases => new()
    {
        { HookServing, "spec.workloads[name=activator]", """{"tolerations":[{"key":"pool","value":"services","effect":"NoSchedule"}]}""", true, null },
        // An intent's null for a field the chart leaves out deletes nothing: the apply can express it.
        { HookServing, "spec.workloads[name=activator]", """{"affinity":{"nodeAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":null}}}""", true, null },
        { HookServing, "spec.workloads[name=activator]", """{"affinity":{"podAntiAffinity":null}}""", false, "would delete spec.workloads[name=activator].affinity.podAntiAffinity" },
        { HookServing, ".", """{"metadata":{"labels":{"team":"ci"}}}""", true, null },
        { HookServing, ".", """{"status":{"x":1}}""", false, "top-level field \"status\"" },
        { HookJob, "spec.template.spec", """{"nodeSelector":{"pool":"a"}}""", false, "pods run during the install" },
        { HookServing.Replace("before-hook-creation", "hook-succeeded", StringComparison.Ordinal), "spec", """{"x":1}""", false, "hook-delete-policy: hook-succeeded" },
    };

    [Theory]
    [MemberData(nameof(HookCases))]
    public void Hooks_are_patched_for_the_check_as_after_the_release_or_refused_with_the_reason(string manifest, string path, string merge, bool patched, string? refusal)
    {
        var kind = manifest.Contains("kind: Job", StringComparison.Ordinal) ? "Job" : "KnativeServing";
        var result = ManifestPatcher.Apply(manifest, "union", [Patch(kind, "serving", path, merge)], HookHandling.PatchAfterRelease);

        var outcome = result.Outcomes.Single();
        Assert.Equal(patched, !outcome.Unapplied);
        Assert.Equal(patched ? [$"{kind}/serving"] : [], outcome.HooksPatched);
        Assert.Equal(patched, result.Output != manifest);
        Assert.Empty(result.Problems); // nothing here stops Helm: the post-renderer never sees hooks
        if (refusal is null)
            Assert.Empty(outcome.HookProblems);
        else
            Assert.Contains(refusal, Assert.Single(outcome.HookProblems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_patched_hook_keeps_every_entry_the_chart_rendered_in_a_list_it_changes()
    {
        var result = ManifestPatcher.Apply(HookServing, "union",
            [Patch("KnativeServing", "serving", "spec.workloads[name=webhook]", """{"tolerations":[]}""")], HookHandling.PatchAfterRelease);
        var workloads = Object(result.Output, "KnativeServing", "serving")!["spec"]!["workloads"]!.AsArray();
        Assert.Equal(["activator", "webhook"], workloads.Select(w => (string)w!["name"]!));
        Assert.NotNull(workloads[0]!["affinity"]!["podAntiAffinity"]);
    }

    [Fact]
    public void A_patch_whose_target_is_not_rendered_changes_nothing_and_says_so()
    {
        var result = PostRender(Deployment, "apps", [Patch("Deployment", "api", ".", """{"spec":{"replicas":3}}""")]);
        Assert.Equal(Deployment, result.Output);
        var outcome = result.Outcomes.Single();
        Assert.True(outcome.Unapplied);
        Assert.Empty(outcome.Hooks);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Patches_apply_in_declaration_order_and_a_key_written_twice_keeps_the_last()
    {
        var twice = Deployment.Replace("  replicas: 2\n", "  replicas: 2\n  replicas: 5\n", StringComparison.Ordinal);
        var result = PostRender(twice, "apps",
        [
            Patch("Deployment", "web", "spec.template.spec", """{"nodeSelector":{"a":"1","b":"2"}}"""),
            Patch("Deployment", "web", "spec.template.spec", """{"nodeSelector":{"b":null}}"""),
        ]);
        var web = Object(result.Output, "Deployment", "web")!;
        Assert.Equal("""{"a":"1"}""", web["spec"]!["template"]!["spec"]!["nodeSelector"]!.ToJsonString());
        Assert.Equal(5, web["spec"]!["replicas"]!.GetValue<int>());
        Assert.Single(LenientYaml.Parse(result.Output).Where(d => d.Root is not null), d => d.Duplicates.Count == 0);
    }

    [Fact]
    public void What_Helm_4_hands_a_post_renderer_keeps_its_filename_annotation()
    {
        // Helm 4 annotates each document with the file it came from and writes no comments.
        const string Input = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              annotations:
                postrenderer.helm.sh/postrender-filename: chart/templates/deployment.yaml
              name: web
            spec:
              replicas: 1
            ---
            apiVersion: v1
            kind: Service
            metadata:
              annotations:
                postrenderer.helm.sh/postrender-filename: chart/templates/service.yaml
              name: web
            """;
        var output = PostRender(Input, "apps", [Patch("Deployment", "web", ".", """{"spec":{"replicas":2}}""")]).Output;
        Assert.Equal("chart/templates/deployment.yaml",
            Object(output, "Deployment", "web")!["metadata"]!["annotations"]!["postrenderer.helm.sh/postrender-filename"]!.ToString());
        Assert.EndsWith(Input[Input.IndexOf("---\n", StringComparison.Ordinal)..], output, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_patches_the_text_is_returned_as_it_came()
    {
        var result = PostRender(Deployment, "apps", []);
        Assert.Same(Deployment, result.Output);
        Assert.Empty(result.Outcomes);
    }
}
