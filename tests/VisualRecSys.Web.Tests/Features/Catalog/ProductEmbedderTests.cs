using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VisualRecSys.Data;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Embedding.Pipeline;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Store;
using VisualRecSys.Web.Features.Catalog;
using VisualRecSys.Web.Features.IndexBuilds;
using VisualRecSys.Web.Features.Store;
using VisualRecSys.Web.Infrastructure.Hosting;

namespace VisualRecSys.Web.Tests.Features.Catalog;

/// <summary>The products' embedding on the real model, a real SQLite file and real image files.</summary>
public sealed class ProductEmbedderTests : IAsyncLifetime
{
    private const int PerCategory = 2;
    private const int Products = PerCategory * 10;
    private string _root = "";

    public async Task InitializeAsync() => _root = await EmbeddingHost.CreateCatalogAsync(PerCategory);

    public Task DisposeAsync()
    {
        EmbeddingHost.Delete(_root);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_cancelled_embedding_resumes_with_only_the_rest_and_skips_a_corrupt_image()
    {
        await using var host = await EmbeddingHost.StartAsync(_root);
        var embedder = host.Services.GetRequiredService<ProductEmbedder>();
        var broken = await BreakLastImageAsync(host);

        // First run: cancelled as soon as one batch is stored.
        using var cancel = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => embedder.EmbedMissingAsync(
            new ProductEmbedRequest(BatchSize: 2), new Inline<EmbeddingProgress>(_ => cancel.Cancel()), cancel.Token));
        var stored = StoredRows(host);
        Assert.InRange(stored, 2, Products - 2);

        // Second run: only what is missing; the corrupt image is reported, not stored, and does not stop the run.
        var second = await embedder.EmbedMissingAsync(new ProductEmbedRequest(BatchSize: 2), null, CancellationToken.None);

        Assert.Equal(Products - 1 - stored, second.Run.Embedded);
        Assert.Equal(stored, second.Run.Skipped);
        Assert.Equal([broken], second.Run.Failures.Select(f => f.Id));
        Assert.Equal(Products - 1, second.Matrix.Count);
        Assert.False(second.Matrix.TryGetRow(broken, out _));
        Assert.Equal(Products - 1, StoredRows(host)); // nothing embedded twice
        Assert.Contains(host.Log, line => line.Contains($"Product {broken} has no usable image", StringComparison.Ordinal));
        Assert.EndsWith(".vecs", second.StorePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_index_of_another_model_is_not_served_but_rebuilt_for_the_configured_one()
    {
        string firstModel;
        await using (var host = await EmbeddingHost.StartAsync(_root))
        {
            var matrix = await host.Services.GetRequiredService<ProductEmbedder>().EmbedMissingAsync(null, CancellationToken.None);
            var first = await host.Services.GetRequiredService<SearchIndexLoader>().ServeAsync(matrix, null, CancellationToken.None);
            firstModel = matrix.ModelId;
            Assert.Equal(firstModel, first.ModelId);
        }

        // The same network registered as another model: another id, so its vectors never meet the first index.
        var files = ModelFiles.Locate();
        await using var other = await EmbeddingHost.StartAsync(_root, new()
        {
            ["VisualRecSys:Embedding:Model"] = "copy",
            ["VisualRecSys:Embedding:Models:copy:Path"] = files.ModelPath,
            ["VisualRecSys:Embedding:Models:copy:ChannelOrder"] = "Bgr",
            ["VisualRecSys:Embedding:Models:copy:MeanImageFile"] = files.PreprocessPath,
            ["VisualRecSys:Embedding:Models:copy:OutputName"] = "Pooling395_Output_0",
            ["VisualRecSys:Embedding:Models:copy:Dimension"] = "512",
        });
        var copyMatrix = await other.Services.GetRequiredService<ProductEmbedder>().EmbedMissingAsync(null, CancellationToken.None);
        Assert.StartsWith("copy-", copyMatrix.ModelId, StringComparison.Ordinal);

        var info = await other.Services.GetRequiredService<SearchIndexLoader>().ServeAsync(copyMatrix, null, CancellationToken.None);

        Assert.Equal(copyMatrix.ModelId, info.ModelId);
        Assert.Contains(other.Log, line => line.Contains($"holds vectors of model {firstModel}; the app embeds with {copyMatrix.ModelId}", StringComparison.Ordinal));
        var similar = await other.Services.GetRequiredService<SimilarProducts>().FindAsync(copyMatrix.Ids[0], 5, CancellationToken.None);
        Assert.Equal(SimilarOutcome.Found, similar.Outcome);

        // A query vector of the first model against the served index is refused, not answered.
        var hits = new SearchHit[5];
        var served = other.Services.GetRequiredService<ActiveIndex>().Current!;
        Assert.Throws<ModelMismatchException>(() => served.Search(firstModel, copyMatrix.Vector(0), 5, hits, SearchFilter.None));
    }

    [Fact]
    public async Task Vectors_of_deleted_products_leave_the_store_so_index_builds_never_see_them()
    {
        await using var host = await EmbeddingHost.StartAsync(_root);
        var embedder = host.Services.GetRequiredService<ProductEmbedder>();
        var all = await embedder.EmbedMissingAsync(null, CancellationToken.None);
        Assert.Equal(Products, all.Count);

        int[] deleted = [all.Ids[0], all.Ids[5]];
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<VisualRecSysDbContext>>().CreateDbContextAsync())
        {
            await db.Products.Where(p => deleted.Contains(p.Id)).ExecuteDeleteAsync();
        }

        var after = await embedder.EmbedMissingAsync(null, CancellationToken.None);

        Assert.Equal(Products - 2, after.Count);
        var stored = EmbeddingStore.TryLoad(host.Services.GetRequiredService<DataPaths>().Embeddings, after.ModelId)!;
        Assert.Equal(after.Ids.ToArray(), stored.Ids.ToArray());
        Assert.Equal(Products - 2, StoredRows(host));
    }

    private static async Task<int> BreakLastImageAsync(EmbeddingHost host)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<VisualRecSysDbContext>>().CreateDbContextAsync();
        var last = await db.Products.OrderBy(p => p.Id).LastAsync();
        await File.WriteAllBytesAsync(Path.Combine(host.Services.GetRequiredService<DataPaths>().Images, last.ImageFile), "not a png"u8.ToArray());
        return last.Id;
    }

    private static int StoredRows(EmbeddingHost host)
    {
        var paths = host.Services.GetRequiredService<DataPaths>();
        using var reader = EmbeddingStoreReader.TryOpen(paths.Embeddings, host.Services.GetRequiredService<EmbeddingModelRegistry>().Active.Id);
        return reader?.Count ?? 0;
    }

    private sealed class Inline<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
