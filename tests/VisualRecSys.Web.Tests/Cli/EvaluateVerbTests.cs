using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data;
using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Store;
using VisualRecSys.Testing;
using VisualRecSys.Web.Cli;

namespace VisualRecSys.Web.Tests.Cli;

/// <summary>The <c>evaluate</c> verb in-process on real catalogs, its figures checked against the Engine's evaluator on the same data.</summary>
public sealed class EvaluateVerbTests(SplitCatalogFixture catalog) : IClassFixture<SplitCatalogFixture>, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vrs-evaluate-verb-" + Guid.NewGuid().ToString("N"));
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public void Dispose() => EmbeddingHost.Delete(_directory);

    [Fact]
    public async Task Writes_a_json_report_whose_figures_are_the_engines_on_the_same_data()
    {
        var json = Path.Combine(_directory, "reports", "evaluation.json");

        // Category figures only: the Engine's report below has no instance half.
        var exit = await RunAsync("evaluate", "--k", "5", "--no-instance", "--json", json, "--data-dir", catalog.DataDirectory);

        Assert.True(exit == 0, _error.ToString());
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var root = document.RootElement;
        foreach (var name in (string[])["model", "k", "queries", "gallery", "precision_at_k", "precision_at_1", "precision_at_5", "precision_at_10",
            "map_at_k", "ann_recall_at_k", "latency_ms", "per_category", "confusion", "worst_queries", "seconds"])
        {
            Assert.True(root.TryGetProperty(name, out _), $"no \"{name}\" in {root}");
        }

        Assert.Equal(JsonValueKind.Null, root.GetProperty("ann_recall_at_k").ValueKind);
        var report = root.Deserialize<EvaluationReport>()!;
        var expected = await SplitCatalogFixture.EngineReportAsync(catalog.DataDirectory, catalog.ModelId, ProductSplit.Test, ProductSplit.Train, k: 5);
        ReportAssert.SameFigures(expected, report);
        Assert.Equal((AppFactory.CategoryCount, AppFactory.CategoryCount * SplitCatalogFixture.TrainPerCategory), (report.Queries, report.Gallery));

        var text = _output.ToString();
        Assert.Contains($"Model {catalog.ModelId}, angular, k = 5: 10 queries of split test against 30 products of split train.", text, StringComparison.Ordinal);
        Assert.Contains("ANN recall and latency not measured: there is no active index build.", text, StringComparison.Ordinal);
        Assert.Contains("mAP@5", text, StringComparison.Ordinal);
        Assert.Contains(report.PerCategory[0].Category, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Measures_the_active_index_build_of_the_model()
    {
        var data = Path.Combine(_directory, "data");
        catalog.CopyTo(data);
        Assert.Equal(0, await CommandLineVerbs.RunAsync(["build-index", "--trees", "4", "--activate", "--data-dir", data]));
        var json = Path.Combine(_directory, "evaluation.json");

        var exit = await RunAsync("evaluate", "--queries", "6", "--json", json, "--data-dir", data);

        Assert.True(exit == 0, _error.ToString());
        var report = JsonSerializer.Deserialize<EvaluationReport>(await File.ReadAllTextAsync(json))!;
        Assert.Equal((6, AppFactory.CategoryCount), (report.Queries, report.QueriesAvailable));
        Assert.InRange(report.AnnRecallAtK!.Value, 0.5, 1.0);
        var latency = Assert.NotNull(report.LatencyMs);
        Assert.True(latency.P50 > 0 && latency.P99 >= latency.P50, latency.ToString());
        Assert.All(report.PerCategory.Where(c => c.Queries > 0), c => Assert.NotNull(c.AnnRecallAtK));
        Assert.Contains("ANN measured on index build 1: forest, 4 trees", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("ANN latency per query: p50", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vectors_made_elsewhere_are_evaluated_on_catalog_and_query_splits_and_products_without_one_are_skipped()
    {
        // Two products per category, all split catalog: nothing to query with yet.
        var root = await EmbeddingHost.CreateCatalogAsync(perCategory: 2);
        try
        {
            var data = Path.Combine(root, "data");
            List<int> firsts;
            await using (var db = SplitCatalogFixture.Database(data))
            {
                firsts = await db.Products.GroupBy(p => p.CategoryId).Select(g => g.Min(p => p.Id)).ToListAsync();
                var ids = await db.Products.OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
                // Vectors "of another model": seeded, for every product but one that will be a query and one that will not.
                int[] stored = [.. ids.Where(id => id != firsts.Min() && id != ids.Except(firsts).Min())];
                var random = new Random(5);
                var vectors = stored.SelectMany(_ => Enumerable.Range(0, 8).Select(_ => (float)random.NextDouble())).ToArray();
                EmbeddingStore.Save(new EmbeddingMatrix("elsewhere-v1", 8, stored, vectors), Path.Combine(data, "embeddings"));
            }

            Assert.Equal(1, await RunAsync("evaluate", "--model", "elsewhere-v1", "--data-dir", data));
            Assert.Contains("No queries to search with: no product has split 'test' or 'query'.", _error.ToString(), StringComparison.Ordinal);

            await using (var db = SplitCatalogFixture.Database(data))
            {
                // The first product of each category becomes a query.
                await db.Products.Where(p => firsts.Contains(p.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.Split, ProductSplit.Query));
            }

            var json = Path.Combine(root, "out", "elsewhere.json");
            Assert.Equal(0, await RunAsync("evaluate", "--model", "elsewhere-v1", "--k", "3", "--json", json, "--data-dir", data));

            var report = JsonSerializer.Deserialize<EvaluationReport>(await File.ReadAllTextAsync(json))!;
            ReportAssert.SameFigures(await SplitCatalogFixture.EngineReportAsync(data, "elsewhere-v1", ProductSplit.Query, ProductSplit.Catalog, k: 3), report);
            Assert.Equal(("elsewhere-v1", 9, 9), (report.Model, report.Queries, report.Gallery));
            Assert.Contains("Skipped for want of a vector: 1 query and 1 catalog products.", _output.ToString(), StringComparison.Ordinal);
            Assert.Contains("9 queries of split query against 9 products of split catalog", _output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            EmbeddingHost.Delete(root);
        }
    }

    [Fact]
    public async Task A_model_without_stored_embeddings_fails_with_exit_code_1_and_says_to_embed()
    {
        var exit = await RunAsync("evaluate", "--model", "no-such-model", "--data-dir", Path.Combine(_directory, "data"));

        Assert.Equal(1, exit);
        Assert.Contains("There are no stored embeddings for model 'no-such-model'", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("run embed --model no-such-model first.", _error.ToString(), StringComparison.Ordinal);
        Assert.Equal("", _output.ToString());
    }

    [Theory]
    [InlineData("--k", "0", "--k must be between 1 and 100; got 0.")]
    [InlineData("--k", "101", "--k must be between 1 and 100; got 101.")]
    [InlineData("--queries", "0", "--queries must be at least 1; got 0.")]
    public async Task Out_of_range_options_are_refused_with_a_message(string option, string value, string message)
    {
        var exit = await RunAsync("evaluate", option, value, "--data-dir", Path.Combine(_directory, "data"));

        Assert.NotEqual(0, exit);
        Assert.Contains(message, _error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_directory, "data")), "nothing is created before the options are valid");
    }

    private Task<int> RunAsync(params string[] args) => CommandLineVerbs.RunAsync(args, _output, _error);
}
