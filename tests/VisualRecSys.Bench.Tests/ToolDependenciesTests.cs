namespace VisualRecSys.Bench.Tests;

/// <summary>The tool stands beside the app, not on it: it measures the Engine (and reads data through Data) directly.</summary>
public sealed class ToolDependenciesTests
{
    [Fact]
    public void The_tool_references_the_engine_and_data_but_never_the_web_app()
    {
        var references = typeof(BenchCommands).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToArray();

        Assert.Contains("VisualRecSys.Engine", references);
        Assert.Contains("VisualRecSys.Data", references);
        Assert.DoesNotContain("VisualRecSys.Web", references);
    }
}
