using System.Text.Json.Nodes;
using NodePools.Placement.Declaration;
using NodePools.Placement.Rendering;
using NodePools.Placement.Checks;

namespace NodePools.Placement.Tests.Rendering;

/// <summary>Finding a chart's placement keys in its values, and marking them without breaking the chart.</summary>
public class MarkerTests
{
    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void Placement_paths_are_found_in_the_chart_and_its_subcharts()
    {
        var targets = PlacementTargets.Discover(
        [
            new ChartValues("", "parent", Obj("""
                {"global": {"tolerations": []},
                 "api": {"affinity": {}, "tolerations": [], "replicas": 1},
                 "config": {"k8s": {"plugins": {"k8s": {"default-tolerations": [], "default-cpus": "100m"}}}},
                 "configDefaults": {"default-pod-template": "", "_example": "x"},
                 "image": {"tag": "1"}}
                """)),
            new ChartValues("metrics", "metrics", Obj("""{"nodeSelector": {}, "global": {"tolerations": []}}""")),
        ]).Targets;

        Assert.Equal(
            [("global", SlotStyle.Standard), ("api", SlotStyle.Standard), ("config.k8s.plugins.k8s", SlotStyle.FlyteDefaults),
             ("configDefaults.default-pod-template", SlotStyle.PodTemplate), ("metrics", SlotStyle.Standard)],
            targets.Select(t => (t.Path, t.Style)));
    }

    public static TheoryData<string, string, bool> Shapes => new()
    {
        // key's default in the chart, key, marked?
        { "null", "affinity", true },
        { """{"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {}}}""", "affinity", true },
        { """{"podAntiAffinity": "soft", "nodeAffinity": {"type": "hard", "matchExpressions": []}}""", "affinity", false }, // Argo CD's preset
        { "\"\"", "affinity", true }, // a string passed through tpl: marked as YAML text
        { "[]", "tolerations", true },
        { "{}", "tolerations", false },
        { """{"kubernetes.io/os": "linux"}""", "nodeSelector", true },
        { """{"nested": {"a": 1}}""", "nodeSelector", false },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_key_is_marked_only_where_a_marker_keeps_the_charts_shape(string defaultJson, string key, bool marked)
    {
        var defaults = new Dictionary<string, JsonNode?> { [$"c.{key}"] = JsonNode.Parse(defaultJson) };
        var (values, markers) = Markers.Apply(new JsonObject(), [new PlacementTarget("c", SlotStyle.Standard)], path => defaults.GetValueOrDefault(path));
        Assert.Equal(marked, markers.Any(m => RenderedKey(m.Key) == key));
        Assert.Equal(marked, values["c"]?[key] is not null);
    }

    private static string RenderedKey(PlacementKey key) => key switch
    {
        PlacementKey.Affinity => "affinity",
        PlacementKey.Tolerations => "tolerations",
        _ => "nodeSelector",
    };

    [Fact]
    public void A_string_key_gets_the_marker_as_YAML_text_and_the_users_values_are_kept()
    {
        var (values, markers) = Markers.Apply(Obj("""{"keep": 1, "c": {"other": true}}"""), [new PlacementTarget("c", SlotStyle.Standard)],
            path => path == "c.affinity" ? JsonValue.Create("") : null);
        Assert.Equal(3, markers.Select(m => m.Token).Distinct().Count());
        Assert.Contains(markers.Single(m => m.Key == PlacementKey.Affinity).Token, values["c"]!["affinity"]!.GetValue<string>());
        Assert.Equal(1, values["keep"]!.GetValue<int>());
        Assert.True(values["c"]!["other"]!.GetValue<bool>());
    }

    [Fact]
    public void A_pod_template_target_is_one_YAML_string_with_every_key()
    {
        var (values, markers) = Markers.Apply(new JsonObject(), [new PlacementTarget("configDefaults.default-pod-template", SlotStyle.PodTemplate)]);
        var template = values["configDefaults"]!["default-pod-template"]!.GetValue<string>();
        Assert.Equal([PlacementKey.Affinity, PlacementKey.Tolerations, PlacementKey.NodeSelector], markers.Select(m => m.Key));
        Assert.Contains("nodeSelector:", template);
        Assert.Contains(markers[0].Token, template);
    }
}
