using System.Text.Json;

namespace VisualRecSys.Bench.Tests.Index;

/// <summary>The tool's <c>index</c> command end to end on the synthetic dataset, in-process.</summary>
public sealed class IndexCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vrs-bench-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Writes_the_json_report_and_the_chart()
    {
        var json = Path.Combine(_directory, "out", "synthetic.json");

        var exitCode = await BenchCommands.RunAsync(
        [
            "index", "--dataset", "synthetic", "--count", "3000", "--dim", "16", "--queries", "40",
            "--trees", "2,4", "--search-k", "20,400", "--metric", "euclidean", "--json", json, "--data-dir", Path.Combine(_directory, "data"),
        ]);

        Assert.Equal(0, exitCode);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var root = report.RootElement;
        Assert.Equal("synthetic", root.GetProperty("dataset").GetString());
        Assert.Equal(3000, root.GetProperty("count").GetInt32());
        Assert.Equal(16, root.GetProperty("dim").GetInt32());
        Assert.Equal("euclidean", root.GetProperty("metric").GetString());
        Assert.True(root.GetProperty("exact_qps").GetDouble() > 0);

        var rows = root.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal([(2, 20), (2, 400), (4, 20), (4, 400)], rows.Select(r => (r.GetProperty("trees").GetInt32(), r.GetProperty("search_k").GetInt32())));
        foreach (var row in rows)
        {
            Assert.InRange(row.GetProperty("recall_at_10").GetDouble(), 0, 1);
            Assert.True(row.GetProperty("build_s").GetDouble() >= 0);
            Assert.True(row.GetProperty("index_bytes").GetInt64() > 0);
            Assert.True(row.GetProperty("qps").GetDouble() > 0);
            Assert.True(row.GetProperty("p99_ms").GetDouble() >= row.GetProperty("p50_ms").GetDouble());
        }

        // More candidates never lose neighbours on the same forest.
        Assert.True(rows[1].GetProperty("recall_at_10").GetDouble() >= rows[0].GetProperty("recall_at_10").GetDouble());

        var png = await File.ReadAllBytesAsync(Path.ChangeExtension(json, ".png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);

        // Index files go to a scratch folder that is removed afterwards.
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_directory, "data", "bench")));
    }

    [Theory]
    [InlineData("--trees", "0")]
    [InlineData("--trees", "ten")]
    [InlineData("--metric", "cosine")]
    [InlineData("--dataset", "imagenet")]
    [InlineData("--leaf-size", "0")]
    [InlineData("--shortlist-factor", "-1")]
    public async Task Rejects_bad_options(string option, string value)
    {
        string[] args = ["index", "--dataset", "synthetic", "--json", Path.Combine(_directory, "x.json"), "--data-dir", _directory];
        var exitCode = await BenchCommands.RunAsync([.. args, option, value]);

        Assert.NotEqual(0, exitCode);
        Assert.False(File.Exists(Path.Combine(_directory, "x.json")));
    }

    [Fact]
    public async Task A_refusal_is_one_line_on_standard_error()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] args = ["index", "--dataset", "synthetic", "--count", "0", "--json", Path.Combine(_directory, "x.json"), "--data-dir", _directory];

        var exitCode = await BenchCommands.RunAsync(args, output, error);

        Assert.Equal(1, exitCode);
        Assert.Equal("--count must be positive.", error.ToString().Trim());
        Assert.False(File.Exists(Path.Combine(_directory, "x.json")));
    }

    [Fact]
    public async Task Forest_options_reach_the_forest()
    {
        // Smaller leaves mean more split nodes, so a bigger file; the same data and seed otherwise.
        async Task<long> IndexBytes(string leafSize)
        {
            var json = Path.Combine(_directory, $"leaf-{leafSize}.json");
            var exitCode = await BenchCommands.RunAsync(
            [
                "index", "--dataset", "synthetic", "--count", "3000", "--dim", "16", "--queries", "10", "--trees", "2",
                "--search-k", "100", "--leaf-size", leafSize, "--json", json, "--data-dir", Path.Combine(_directory, "data"),
            ]);
            Assert.Equal(0, exitCode);
            using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
            return report.RootElement.GetProperty("rows")[0].GetProperty("index_bytes").GetInt64();
        }

        Assert.True(await IndexBytes("4") > await IndexBytes("64"));
    }
}
