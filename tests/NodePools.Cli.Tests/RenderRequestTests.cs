using NodePools.Cli.Commands;
using NodePools.Placement.Input;
using NodePools.Placement.Rendering;

namespace NodePools.Cli.Tests;

/// <summary>How --render, --no-render and --charts complete into what the pipeline runs with, or are refused (no helm needed).</summary>
public class RenderRequestTests
{
    private static readonly Func<HelmRunner?> NoHelm = () => null;

    [Fact]
    public void Auto_without_helm_skips_rendering_and_says_why()
    {
        var setup = new RenderRequest(RenderMode.Auto, null).Complete(NoHelm);
        Assert.Null(setup.Helm);
        Assert.Contains("helm is not on PATH", setup.SkipReason);
    }

    [Fact]
    public void A_required_render_without_helm_is_invalid_input_naming_the_flag()
    {
        var error = Assert.Single(Assert.Throws<InvalidInputException>(() => new RenderRequest(RenderMode.Always, null).Complete(NoHelm)).Errors);
        Assert.Equal("--render", error.Field);
        Assert.Contains("helm is not on PATH", error.Message);
    }

    [Fact]
    public void Never_does_not_look_for_helm()
    {
        var setup = new RenderRequest(RenderMode.Never, null).Complete(() => throw new InvalidOperationException("helm must not be looked for"));
        Assert.Contains("--no-render", setup.SkipReason);
    }

    [Fact]
    public void A_missing_charts_folder_is_refused_before_helm_is_looked_for()
    {
        var error = Assert.Single(Assert.Throws<InvalidInputException>(() =>
            new RenderRequest(RenderMode.Auto, "/nonexistent/charts").Complete(() => throw new InvalidOperationException("not reached"))).Errors);
        Assert.Equal("--charts", error.Field);
    }

    [Fact]
    public void With_helm_the_setup_carries_the_runner_the_folder_and_whether_rendering_was_required()
    {
        var helm = new HelmRunner("/usr/bin/true");
        var folder = Directory.CreateTempSubdirectory("nodepools-charts").FullName;
        var setup = new RenderRequest(RenderMode.Always, folder).Complete(() => helm);
        Assert.Same(helm, setup.Helm);
        Assert.Equal(folder, setup.Options.ChartsDirectory);
        Assert.True(setup.Required);
        Assert.False(new RenderRequest(RenderMode.Auto, null).Complete(() => helm).Required);
    }
}
