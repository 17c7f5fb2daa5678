using System.Text.Json;
using VisualRecSys.Engine.Index;
using VisualRecSys.Web.Cli;

namespace VisualRecSys.Web.Tests.Embedding;

/// <summary>The <c>embed</c> and <c>bench embed</c> verbs end to end, in-process.</summary>
public sealed class EmbedVerbTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vrs-embed-verb-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => EmbeddingHost.Delete(_directory);

    [Fact]
    public async Task Bench_embed_writes_the_json_report()
    {
        var json = Path.Combine(_directory, "out", "embed.json");
        var data = Path.Combine(_directory, "data");

        var exit = await CommandLineVerbs.RunAsync(["bench", "embed", "--count", "8", "--batch", "4", "--rounds", "1", "--json", json, "--data-dir", data]);

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

    [Fact]
    public async Task Embed_appends_the_products_to_the_models_store_and_refuses_an_unknown_model()
    {
        var root = await EmbeddingHost.CreateCatalogAsync(perCategory: 1);
        try
        {
            var data = Path.Combine(root, "data");
            Assert.NotEqual(0, await CommandLineVerbs.RunAsync(["embed", "--model", "no-such-model", "--data-dir", data]));
            Assert.Equal(0, await CommandLineVerbs.RunAsync(["embed", "--batch", "4", "--data-dir", data]));

            var store = Directory.GetFiles(Path.Combine(data, "embeddings"), "*.vecs").Single();
            var modelId = Path.GetFileNameWithoutExtension(store);
            Assert.Equal(10, EmbeddingStore.TryLoad(Path.Combine(data, "embeddings"), modelId)!.Count);

            // Again: nothing left to embed, nothing appended.
            var length = new FileInfo(store).Length;
            Assert.Equal(0, await CommandLineVerbs.RunAsync(["embed", "--data-dir", data]));
            Assert.Equal(length, new FileInfo(store).Length);
        }
        finally
        {
            EmbeddingHost.Delete(root);
        }
    }
}
