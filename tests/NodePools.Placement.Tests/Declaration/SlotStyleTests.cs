using System.Text.Json.Nodes;
using NodePools.Placement.Declaration;
using NodePools.Placement.Input;
using NodePools.Placement.Rendering;

namespace NodePools.Placement.Tests.Declaration;

/// <summary>
/// Every slot style of the table, through every stage that reads it: the parser's spelling, the values
/// the plan writes, the markers, and discovery in a chart's defaults. A new style is one entry in
/// <see cref="SlotStyles.All"/>; these tests then cover it without a line more.
/// </summary>
public class SlotStyleTests
{
    public static TheoryData<string> Styles() => [.. SlotStyles.All.Select(style => style.Name)];

    private static SlotStyleDescriptor Style(string name) => SlotStyles.Parse(name)!;

    [Theory]
    [MemberData(nameof(Styles))]
    public void The_plan_writes_a_slots_placement_where_its_style_says(string name)
    {
        var style = Style(name);
        var plan = StackText.Plan(StackText.BasePools + "\n" + StackText.Releases("""
            r:
              chart: c
              repository: https://example.com/charts
              version: 1.0.0
              namespace: ns
              slots: [{path: a.b, style: STYLE, nodeSelector: true, intent: {pool: gpu}}]
            """.Replace("STYLE", name, StringComparison.Ordinal)));
        var slot = Assert.Single(plan.Releases).Slots.Single();
        Assert.Equal(style.Style, slot.Spec.Style);

        var at = (JsonObject)plan.Releases[0].Values["a"]!;
        if (style.IsTemplateString)
        {
            var template = StructuredText.Parse("template", at["b"]!.GetValue<string>())[0].Root!.AsObject();
            Assert.Equal(SlotStyles.Keys.Select(SlotStyles.PodFieldName).Order(), template.Select(pair => pair.Key).Order());
        }
        else
        {
            var written = ((JsonObject)at["b"]!).Select(pair => pair.Key).Order();
            Assert.Equal(style.ValuesKeys.Order(), written);
        }
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public void Markers_go_where_the_style_writes_one_per_placement_key(string name)
    {
        var style = Style(name);
        var (values, markers) = Markers.Apply(new JsonObject(), [new PlacementTarget("x", style.Style)]);

        Assert.Equal(SlotStyles.Keys, markers.Select(marker => marker.Key).Order());
        var at = values["x"]!;
        if (style.IsTemplateString)
            Assert.All(markers, marker => Assert.Contains(marker.Token, at.GetValue<string>(), StringComparison.Ordinal));
        else
            Assert.All(markers, marker => Assert.Contains(marker.Token, at[style.ValuesKey(marker.Key)]!.ToJsonString(), StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public void Discovery_finds_the_style_in_a_charts_defaults(string name)
    {
        var style = Style(name);
        var component = new JsonObject();
        if (style.IsTemplateString)
            component[style.TemplateKeys[0]] = "";
        else
            component[style.ValuesKey(PlacementKey.Tolerations)] = new JsonArray();
        var defaults = new JsonObject { ["component"] = component };

        var found = PlacementTargets.Discover([new ChartValues("", "chart", defaults)]).Targets;

        var expected = style.IsTemplateString ? $"component.{style.TemplateKeys[0]}" : "component";
        Assert.Contains(found, target => target.Style == style.Style && target.Path == expected);
    }

    [Fact]
    public void An_unknown_style_is_refused_naming_every_style()
    {
        var errors = StackText.Errors(StackText.BasePools + "\n" + StackText.Releases("""
            r:
              chart: c
              repository: https://example.com/charts
              version: 1.0.0
              namespace: ns
              slots: [{path: a, style: nope, intent: {pool: gpu}}]
            """));
        Assert.Contains(errors, error => error.Message.Contains(SlotStyles.Names, StringComparison.Ordinal));
    }
}
