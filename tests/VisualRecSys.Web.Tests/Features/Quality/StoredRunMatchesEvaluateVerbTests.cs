using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data;
using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Web.Cli;
using VisualRecSys.Web.Features.Quality;

namespace VisualRecSys.Web.Tests.Features.Quality;

/// <summary>
/// The quality console's stored runs against the <c>evaluate</c> verb on the same small catalog with real ResNet18
/// embeddings and the same parameters: what is stored in SQLite and read back is what the verb prints and writes.
/// Each test works on a copy of the catalog, so runs and index builds do not leak between tests.
/// </summary>
public sealed class StoredRunMatchesEvaluateVerbTests(SplitCatalogFixture catalog) : IClassFixture<SplitCatalogFixture>, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vrs-stored-runs-" + Guid.NewGuid().ToString("N"));
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    private string DataDirectory => Path.Combine(_directory, "data");

    public void Dispose() => EmbeddingHost.Delete(_directory);

    [Fact]
    public async Task A_stored_run_holds_the_figures_the_evaluate_verb_prints_and_writes()
    {
        catalog.CopyTo(DataDirectory);
        var (printed, written) = await EvaluateAsync("--k", "5");

        await using var host = await QualityHost.StartAsync(DataDirectory);
        var state = await host.RunToEndAsync(new EvaluationRequest(catalog.ModelId, K: 5));
        var stored = await host.LoadAsync(state.RunId);

        Assert.Equal(EvaluationRunStatus.Completed, stored.Run.Status);
        ReportAssert.SameFigures(written, stored.Report!);
        // The verb's table, rebuilt from the stored rows, character for character.
        Assert.Contains(EvaluationTable.Text(stored.Report!), printed, StringComparison.Ordinal);
        Assert.Contains($"{stored.Run.Queries} queries of split {stored.Run.QuerySplit} against {stored.Run.Gallery} products of split {stored.Run.GallerySplit}.", printed, StringComparison.Ordinal);
        Assert.Equal((10, 30), (stored.Run.Queries, stored.Run.Gallery));
    }

    [Fact]
    public async Task With_an_index_build_and_a_query_sample_the_stored_run_matches_the_verb_but_for_timings()
    {
        catalog.CopyTo(DataDirectory);
        Assert.Equal(0, await CommandLineVerbs.RunAsync(["build-index", "--trees", "4", "--activate", "--data-dir", DataDirectory]));
        var (printed, written) = await EvaluateAsync("--queries", "6");

        await using var host = await QualityHost.StartAsync(DataDirectory);
        // The build chosen by id, as the console does; the verb measures it as the active one.
        var state = await host.RunToEndAsync(new EvaluationRequest(catalog.ModelId, QueryLimit: 6) { IndexBuildId = 1 });
        var stored = await host.LoadAsync(state.RunId);

        ReportAssert.SameFigures(written, stored.Report!);
        Assert.NotNull(stored.Report!.AnnRecallAtK);
        Assert.Equal((1, 1, 6), (stored.Run.IndexBuildId, stored.Run.RequestedIndexBuildId, stored.Run.QueryLimit));
        var latency = Assert.NotNull(stored.Report.LatencyMs);
        Assert.True(latency.P50 > 0 && latency.P99 >= latency.P50, latency.ToString());
        // Latency is measured anew by each run: every other line of the table is the same.
        Assert.Contains(WithoutLatency(EvaluationTable.Text(stored.Report)), WithoutLatency(printed), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_held_out_products_the_console_evaluates_leave_one_out_where_the_verb_refuses()
    {
        catalog.CopyTo(DataDirectory);
        await using (var db = SplitCatalogFixture.Database(DataDirectory))
        {
            await db.Products.ExecuteUpdateAsync(s => s.SetProperty(p => p.Split, ProductSplit.Catalog));
        }

        Assert.Equal(1, await CommandLineVerbs.RunAsync(["evaluate", "--data-dir", DataDirectory], _output, _error));
        Assert.Contains("No queries to search with: no product has split 'test' or 'query'.", _error.ToString(), StringComparison.Ordinal);

        await using var host = await QualityHost.StartAsync(DataDirectory);
        // Category figures only: the Engine's report below has no instance half.
        var state = await host.RunToEndAsync(new EvaluationRequest(catalog.ModelId) { LeaveOneOutWithoutQueries = true, InstanceEdits = null });
        var stored = await host.LoadAsync(state.RunId);

        Assert.True(stored.Run.LeaveOneOut);
        Assert.Equal((ProductSplit.Catalog, ProductSplit.Catalog, 40, 40), (stored.Run.QuerySplit, stored.Run.GallerySplit, stored.Run.Queries, stored.Run.Gallery));
        // The Engine's evaluation with the gallery as its own queries: each product searched among the others.
        var expected = await SplitCatalogFixture.EngineReportAsync(DataDirectory, catalog.ModelId, ProductSplit.Catalog, ProductSplit.Catalog, k: 10);
        ReportAssert.SameFigures(expected, stored.Report!);
        Assert.DoesNotContain(stored.Report!.WorstQueries.SelectMany(w => w.Queries), q => q.Neighbours.Any(n => n.Id == q.Id));
    }

    /// <summary>Runs the verb on the copy with <paramref name="options"/> and <c>--json</c>; returns what it printed and wrote.</summary>
    private async Task<(string Printed, EvaluationReport Written)> EvaluateAsync(params string[] options)
    {
        var json = Path.Combine(_directory, "evaluation.json");
        var exit = await CommandLineVerbs.RunAsync(["evaluate", .. options, "--json", json, "--data-dir", DataDirectory], _output, _error);
        Assert.True(exit == 0, _error.ToString());
        return (_output.ToString(), JsonSerializer.Deserialize<EvaluationReport>(await File.ReadAllTextAsync(json))!);
    }

    private static string WithoutLatency(string text) =>
        string.Join('\n', text.ReplaceLineEndings("\n").Split('\n').Where(line => !line.StartsWith("ANN latency", StringComparison.Ordinal)));
}
