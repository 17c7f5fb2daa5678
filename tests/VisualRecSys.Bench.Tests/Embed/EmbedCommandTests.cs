using System.Text.Json;

namespace VisualRecSys.Bench.Tests.Embed;

/// <summary>The tool's <c>embed</c> command end to end, in-process, on the demo catalog (a fresh data directory has no images).</summary>
public sealed class EmbedCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vrs-embed-bench-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Writes_the_json_report()
    {
        var json = Path.Combine(_directory, "out", "embed.json");
        var data = Path.Combine(_directory, "data");

        var exit = await BenchCommands.RunAsync(["embed", "--count", "8", "--batch", "4", "--rounds", "1", "--json", json, "--data-dir", data]);

        Assert.Equal(0, exit);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var root = report.RootElement;
        Assert.True(root.GetProperty("provider").GetString() is "CPU" or "CUDA");
        Assert.Equal("resnet18", root.GetProperty("model").GetString());
        Assert.Equal((4, 8), (root.GetProperty("batch").GetInt32(), root.GetProperty("count").GetInt32()));
        Assert.True(root.GetProperty("raw_images_per_s").GetDouble() > 0);
        Assert.True(root.GetProperty("pipeline_images_per_s").GetDouble() > 0);
        Assert.EndsWith(Path.Combine("demo-catalog", "catalog"), root.GetProperty("images").GetString(), StringComparison.Ordinal);

        // The temporary stores are gone.
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(data, "bench")));
    }
}
