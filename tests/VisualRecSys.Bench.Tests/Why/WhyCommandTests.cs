using System.Text.Json;

namespace VisualRecSys.Bench.Tests.Why;

/// <summary>The tool's <c>why</c> command end to end, in-process, with the real model on the demo catalog's images.</summary>
public sealed class WhyCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vrs-why-bench-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Writes_the_json_report_with_the_passes_each_pair_took()
    {
        var json = Path.Combine(_directory, "why.json");

        var exit = await BenchCommands.RunAsync(["why", "--grid", "2", "--pairs", "1", "--json", json, "--data-dir", Path.Combine(_directory, "data")]);

        Assert.Equal(0, exit);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var root = report.RootElement;
        Assert.Equal(2, root.GetProperty("grid").GetInt32());
        Assert.StartsWith("resnet18-", root.GetProperty("model_id").GetString(), StringComparison.Ordinal);
        var pair = Assert.Single(root.GetProperty("pairs").EnumerateArray());
        // Two originals and at most 2 × 4 masked copies.
        Assert.InRange(pair.GetProperty("passes").GetInt32(), 2, 10);
        Assert.True(pair.GetProperty("ms").GetDouble() > 0);
        Assert.True(root.GetProperty("bare_runs_ms").GetDouble() > 0);
    }

    [Fact]
    public async Task A_grid_out_of_range_is_refused()
    {
        var error = new StringWriter();

        var exit = await BenchCommands.RunAsync(["why", "--grid", "20", "--json", Path.Combine(_directory, "x.json")], TextWriter.Null, error);

        Assert.NotEqual(0, exit);
        Assert.Contains("--grid must be between 2 and 14", error.ToString(), StringComparison.Ordinal);
    }
}
