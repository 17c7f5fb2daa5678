using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VisualRecSys.Data;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Forest;
using VisualRecSys.Engine.Index.Store;
using VisualRecSys.Web.Features.IndexBuilds;
using VisualRecSys.Web.Infrastructure.Hosting;

namespace VisualRecSys.Web.Tests.Features.IndexBuilds;

/// <summary>
/// An active build whose vectors the served model cannot have made (a 64-d Annoy import activated for the 512-d model,
/// as <c>import-annoy</c> once allowed) is rebuilt at start, and the log and the status say why: a model mismatch, not
/// a stale index.
/// </summary>
public sealed class ModelMismatchAtStartTests
{
    [Fact]
    public async Task An_active_build_of_another_dimension_is_rebuilt_as_a_model_mismatch_not_as_stale()
    {
        var root = await EmbeddingHost.CreateCatalogAsync(perCategory: 1);
        try
        {
            await using var host = await EmbeddingHost.StartAsync(root);
            var services = host.Services;
            var modelId = services.GetRequiredService<EmbeddingModelRegistry>().Active.Id;
            int[] ids;
            await using (var db = await services.GetRequiredService<IDbContextFactory<VisualRecSysDbContext>>().CreateDbContextAsync())
            {
                ids = await db.Products.OrderBy(p => p.Id).Select(p => p.Id).ToArrayAsync();
            }

            var matrix = RandomMatrix(modelId, 512, ids);
            EmbeddingStore.Save(matrix, services.GetRequiredService<DataPaths>().Embeddings);
            var (imported, forest) = await services.GetRequiredService<BuildRecorder>().RecordAsync(
                new IndexBuildRequest(modelId, DistanceMetric.Angular, 2, Activate: true), ids.Length, 64,
                () => ForestIndex.Build(RandomMatrix(modelId, 64, ids), DistanceMetric.Angular, new ForestOptions { Trees = 2 }),
                CancellationToken.None);
            forest.Dispose();
            var reasons = new List<string>();

            var served = await services.GetRequiredService<SearchIndexLoader>().ServeAsync(matrix, null, CancellationToken.None, reasons.Add);

            Assert.NotEqual(imported.Id, served.BuildId);
            var log = host.Log.ToArray();
            Assert.DoesNotContain(log, line => line.Contains("stale", StringComparison.OrdinalIgnoreCase));
            var warning = Assert.Single(log, line => line.Contains("model mismatch", StringComparison.Ordinal));
            Assert.Contains($"build {imported.Id} holds 64-d vectors of model {modelId}", warning, StringComparison.Ordinal);
            Assert.Contains("makes 512-d", warning, StringComparison.Ordinal);
            var reason = Assert.Single(reasons);
            Assert.Contains("model mismatch", reason, StringComparison.Ordinal);
        }
        finally
        {
            EmbeddingHost.Delete(root);
        }
    }

    private static EmbeddingMatrix RandomMatrix(string modelId, int dimension, int[] ids)
    {
        var random = new Random(3);
        var vectors = new float[ids.Length * dimension];
        for (var i = 0; i < vectors.Length; i++)
        {
            vectors[i] = (float)(random.NextDouble() - 0.5);
        }

        return new EmbeddingMatrix(modelId, dimension, ids, vectors);
    }
}
