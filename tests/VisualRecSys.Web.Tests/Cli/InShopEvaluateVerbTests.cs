using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data;
using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Engine.Evaluation.Instance;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Store;
using VisualRecSys.Web.Cli;

namespace VisualRecSys.Web.Tests.Cli;

/// <summary>
/// <c>evaluate</c> on the committed DeepFashion In-shop fixture: the item ids are the instance ground truth and the query
/// split is searched among the gallery split, checked against the Engine's evaluators on the same data.
/// </summary>
public sealed class InShopEvaluateVerbTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vrs-inshop-evaluate-" + Guid.NewGuid().ToString("N"));
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    private string DataDirectory => Path.Combine(_directory, "data");

    public void Dispose() => EmbeddingHost.Delete(_directory);

    [Fact]
    public async Task Evaluate_after_embedding_with_ResNet18_uses_the_item_ids_on_the_query_and_gallery_splits()
    {
        await ImportAsync();
        Assert.Equal(0, await CommandLineVerbs.RunAsync(["embed", "--batch", "8", "--data-dir", DataDirectory]));
        var modelId = Path.GetFileNameWithoutExtension(Directory.GetFiles(Path.Combine(DataDirectory, "embeddings"), "*" + EmbeddingStore.Extension).Single());
        var json = Path.Combine(_directory, "evaluation.json");

        var exit = await RunAsync("evaluate", "--k", "3", "--json", json, "--data-dir", DataDirectory);

        Assert.True(exit == 0, _error.ToString());
        var queries = await CountAsync(ProductSplit.Query);
        var gallery = await CountAsync(ProductSplit.Gallery);
        using (var document = JsonDocument.Parse(await File.ReadAllTextAsync(json)))
        {
            var instance = document.RootElement.GetProperty("instance");
            Assert.Equal("item_ids", instance.GetProperty("ground_truth").GetString());
            Assert.Equal(queries, instance.GetProperty("searches").GetInt32());
            Assert.Equal(0, instance.GetProperty("per_edit").GetArrayLength());
            foreach (var figure in (string[])["recall_at_1", "recall_at_10", "mrr"])
            {
                Assert.InRange(instance.GetProperty(figure).GetDouble(), 0.0, 1.0);
            }
        }

        var report = JsonSerializer.Deserialize<EvaluationReport>(await File.ReadAllTextAsync(json))!;
        ReportAssert.SameFigures(await ExpectedReportAsync(modelId, k: 3), report);
        Assert.Equal((queries, gallery), (report.Queries, report.Gallery));
        var text = _output.ToString();
        Assert.Contains($"{queries} queries of split query against {gallery} products of split gallery.", text, StringComparison.Ordinal);
        Assert.Contains($"Instance (item ids: each query image must find a gallery image of its item): {queries} searches", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Left out of the instance figures", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_whose_item_has_no_gallery_vector_is_left_out_and_said_so()
    {
        await ImportAsync();
        List<Product> products;
        await using (var db = SplitCatalogFixture.Database(DataDirectory))
        {
            products = await db.Products.OrderBy(p => p.Id).ToListAsync();
        }

        // Vectors "of another model", one direction per item, so every query finds its item first; none for the gallery
        // images of one item, whose query can then find nothing of its own.
        var items = products.Select(p => p.ItemKey!).Distinct().Order(StringComparer.Ordinal).ToList();
        var orphan = products.First(p => p.Split == ProductSplit.Query).ItemKey;
        var stored = products.Where(p => !(p.Split == ProductSplit.Gallery && p.ItemKey == orphan)).ToArray();
        var vectors = stored.SelectMany(p => Enumerable.Range(0, items.Count).Select(d => d == items.IndexOf(p.ItemKey!) ? 1f : 0.1f)).ToArray();
        EmbeddingStore.Save(new EmbeddingMatrix("elsewhere-v1", items.Count, [.. stored.Select(p => p.Id)], vectors), Path.Combine(DataDirectory, "embeddings"));
        var json = Path.Combine(_directory, "elsewhere.json");

        var exit = await RunAsync("evaluate", "--model", "elsewhere-v1", "--json", json, "--data-dir", DataDirectory);

        Assert.True(exit == 0, _error.ToString());
        var report = JsonSerializer.Deserialize<EvaluationReport>(await File.ReadAllTextAsync(json))!;
        Assert.NotNull(report.Instance);
        var instance = report.Instance;
        var queries = products.Count(p => p.Split == ProductSplit.Query);
        Assert.Equal((InstanceGroundTruth.ItemIds, queries - 1), (instance.GroundTruth, instance.Searches));
        Assert.Equal((1.0, 1.0, 1.0), (instance.RecallAt1, instance.RecallAt10, instance.Mrr));
        Assert.Contains("Left out of the instance figures: 1 query images, as no gallery image of their item has a vector.", _output.ToString(), StringComparison.Ordinal);
        // The category figures still search with every query image.
        Assert.Equal(queries, report.Queries);
    }

    private async Task ImportAsync() =>
        Assert.Equal(0, await CommandLineVerbs.RunAsync(["import", "deepfashion-inshop", InShopFixture.Directory, "--data-dir", DataDirectory], _output, _error));

    private async Task<int> CountAsync(string split)
    {
        await using var db = SplitCatalogFixture.Database(DataDirectory);
        return await db.Products.CountAsync(p => p.Split == split);
    }

    /// <summary>The Engine's category evaluation of query among gallery, with its item-id instance figures, built here from the database.</summary>
    private async Task<EvaluationReport> ExpectedReportAsync(string modelId, int k)
    {
        var category = await SplitCatalogFixture.EngineReportAsync(DataDirectory, modelId, ProductSplit.Query, ProductSplit.Gallery, k);
        await using var db = SplitCatalogFixture.Database(DataDirectory);
        var categories = (await db.Categories.Select(c => c.Name).ToListAsync()).Order(StringComparer.Ordinal).ToList();
        var products = await db.Products.Include(p => p.Category).OrderBy(p => p.Id).ToListAsync();
        var items = products.Select(p => p.ItemKey!).Distinct().ToList();
        var embeddings = EmbeddingStore.TryLoad(Path.Combine(DataDirectory, "embeddings"), modelId)!;
        ItemImage[] Split(string split) => [.. products
            .Where(p => p.Split == split && embeddings.TryGetRow(p.Id, out _))
            .Select(p => new ItemImage(p.Id, categories.IndexOf(p.Category!.Name), items.IndexOf(p.ItemKey!)))];
        var instance = InstanceEvaluator.EvaluateItems(new ItemInstanceInput
        {
            Embeddings = embeddings,
            Queries = Split(ProductSplit.Query),
            Gallery = Split(ProductSplit.Gallery),
            Categories = categories,
        });
        return category.WithInstance(instance);
    }

    private Task<int> RunAsync(params string[] args) => CommandLineVerbs.RunAsync(args, _output, _error);
}
