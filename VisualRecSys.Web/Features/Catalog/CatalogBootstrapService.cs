using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data;
using VisualRecSys.Data.Importing;
using VisualRecSys.Data.Importing.Folder;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Web.Features.Heads;
using VisualRecSys.Web.Features.IndexBuilds;
using VisualRecSys.Web.Infrastructure;
using VisualRecSys.Web.Infrastructure.Hosting;
using VisualRecSys.Web.Infrastructure.Jobs;

namespace VisualRecSys.Web.Features.Catalog;

/// <summary>
/// Prepares the catalog in the background on every start: seeds an empty database from the
/// configured catalog, embeds products that have no vector yet and serves an exact index.
/// Later starts find the vectors on disk and are ready in seconds. One instance at a time prepares a data
/// directory (<see cref="PreparationLock"/>); another waits and then finds the work done.
/// </summary>
public sealed partial class CatalogBootstrapService(
    DatabaseInitializer database,
    IDbContextFactory<VisualRecSysDbContext> dbFactory,
    FolderImporter importer,
    ProductEmbedder productEmbedder,
    ServedModelChoice servedModel,
    SearchIndexLoader indexLoader,
    InterruptedActivations interruptedActivations,
    ProductDirectory directory,
    CatalogStatus status,
    AdminJobGate jobGate,
    DataPaths paths,
    ILogger<CatalogBootstrapService> logger) : BackgroundService
{
    /// <summary>What a refused admin job says while the catalog is being prepared.</summary>
    public const string PreparingReason = "The catalog is still being prepared; try again when it is ready.";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Builds of this process start after this instant; an activation asked for with an older one was cut short.
        var started = DateTimeOffset.UtcNow;
        // Leave the host's start path at once: the web server should answer while we work.
        await Task.Yield();
        try
        {
            using var preparing = await PreparationLock.AcquireAsync(paths.Root,
                () => status.Report(CatalogPhase.Starting, 0, 0, "Waiting for another instance that is preparing the catalog in this data directory"),
                stoppingToken);
            await database.InitializeAsync(stoppingToken);
            await SeedIfEmptyAsync(stoppingToken);
            // Before the served model is chosen: it follows the active build.
            await interruptedActivations.FinishAsync(started, stoppingToken);

            if (await servedModel.StoredOnlyModelAsync(stoppingToken) is { } storedOnly)
            {
                // Served as a vectors-only model: uploads meet its embedder, which refuses photos with the reason.
                await servedModel.ResolveAsync(stoppingToken);
                await ServeStoredAsync(storedOnly, stoppingToken);
                return;
            }

            status.Report(CatalogPhase.Embedding, 0, 0, "Loading the image model");
            var imageEmbedder = await servedModel.ResolveAsync(stoppingToken);
            status.SetExecutionProvider(imageEmbedder.Provider.Name);
            var matrix = (await productEmbedder.EmbedMissingAsync(new ProductEmbedRequest(imageEmbedder.ModelId),
                new InlineProgress<Engine.Embedding.Pipeline.EmbeddingProgress>(p => status.Report(CatalogPhase.Embedding, p.Done, p.Total,
                    $"Embedding images with {imageEmbedder.ModelId}: {p.ImagesPerSecond:F1} images/s, about {p.Remaining ?? TimeSpan.Zero:hh\\:mm\\:ss} left")),
                stoppingToken)).Matrix;

            status.Report(CatalogPhase.Indexing, 0, 0, "Loading the search index");
            string? rebuildReason = null;
            var served = await indexLoader.ServeAsync(matrix,
                new InlineProgress<int>(trees => status.Report(CatalogPhase.Indexing, trees, IndexBuildRequest.DefaultTrees,
                    rebuildReason is null ? "Building the search index (trees)" : $"Rebuilding the search index (trees): {rebuildReason}")),
                stoppingToken,
                reason =>
                {
                    rebuildReason = reason;
                    status.Report(CatalogPhase.Indexing, 0, IndexBuildRequest.DefaultTrees, $"Rebuilding the search index: {reason}");
                });
            directory.Invalidate();
            jobGate.Open();
            status.Report(CatalogPhase.Ready, matrix.Count, matrix.Count,
                $"{matrix.Count:N0} products searchable at start (index build {served.BuildId}, {served.Trees} trees)");
            LogReady(logger, matrix.Count);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; what was embedded so far is on disk.
        }
        catch (Exception e)
        {
            LogFailed(logger, e);
            // Admin jobs are what an admin repairs a failed preparation with (an import, a rebuild).
            jobGate.Open();
            status.Report(CatalogPhase.Failed, 0, 0, e.Message);
        }
    }

    /// <summary>
    /// Serves a model whose vectors were made elsewhere (the scale catalog): no image model is loaded and nothing embedded,
    /// and the product snapshot is loaded before the catalog says it is ready, so the first "similar" does not wait for it.
    /// </summary>
    private async Task ServeStoredAsync(string modelId, CancellationToken ct)
    {
        status.Report(CatalogPhase.Indexing, 0, 0, $"Loading the search index of {modelId} (stored vectors, no image model)");
        // The product snapshot (the database's work) loads on the other core while the index opens (the file's work).
        directory.Invalidate();
        var snapshotLoad = Task.Run(async () =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var snapshot = await directory.GetAsync(ct);
            return (Snapshot: snapshot, Seconds: clock.Elapsed.TotalSeconds);
        }, ct);
        var indexClock = System.Diagnostics.Stopwatch.StartNew();
        var served = await indexLoader.ServeStoredAsync(modelId,
            new InlineProgress<int>(trees => status.Report(CatalogPhase.Indexing, trees, IndexBuildRequest.DefaultTrees, "Building the search index (trees)")), ct);
        var indexSeconds = indexClock.Elapsed.TotalSeconds;
        var (products, snapshotSeconds) = await snapshotLoad;
        // What a start at scale spends its time on (the index file's checksum pass, the product snapshot's load).
        LogStoredServed(logger, modelId, indexSeconds, snapshotSeconds, products.Count, products.Bytes / 1e6);
        jobGate.Open();
        var searchable = served.Items + served.DeltaItems;
        status.Report(CatalogPhase.Ready, searchable, searchable,
            $"{searchable:N0} products searchable at start (index build {served.BuildId}, {served.Trees} trees, vectors of {modelId}; {products.Count:N0} products listed)");
        LogReady(logger, searchable);
    }

    private async Task SeedIfEmptyAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (paths.SeedCatalog is null || await db.Products.AnyAsync(ct))
        {
            return;
        }
        status.Report(CatalogPhase.Importing, 0, 0, $"Importing {Path.GetFileName(Path.GetDirectoryName(paths.SeedCatalog))}");
        // One transaction (BatchSize = all): a seed cut short must leave no products, or the next start would not seed again.
        var options = new FolderImportOptions
        {
            SourceDirectory = Path.GetDirectoryName(paths.SeedCatalog)!,
            CsvPath = paths.SeedCatalog,
            ImagesDirectory = paths.Images,
            BatchSize = int.MaxValue,
        };
        var result = await importer.ImportAsync(options,
            new InlineProgress<ImportProgress>(p => status.Report(CatalogPhase.Importing, p.Done, p.Total, $"Imported {p.Done:N0} products")), ct);
        LogSeeded(logger, result.Added, paths.SeedCatalog);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog ready: {Count} products searchable")]
    private static partial void LogReady(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving stored vectors of {ModelId}: index opened in {IndexSeconds:F1} s, snapshot of {Products} products loaded in {SnapshotSeconds:F1} s ({SnapshotMegabytes:F0} MB)")]
    private static partial void LogStoredServed(ILogger logger, string modelId, double indexSeconds, double snapshotSeconds, int products, double snapshotMegabytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} products from {Catalog}")]
    private static partial void LogSeeded(ILogger logger, int count, string catalog);

    [LoggerMessage(Level = LogLevel.Error, Message = "Catalog preparation failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
