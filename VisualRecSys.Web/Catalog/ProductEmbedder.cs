using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VisualRecSys.Data;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Embedding.Pipeline;
using VisualRecSys.Engine.Index;
using VisualRecSys.Web.Hosting;

namespace VisualRecSys.Web.Catalog;

/// <summary>Which model to embed with and how many images per model run (null: the configured ones).</summary>
public sealed record ProductEmbedRequest(string? Model = null, int? BatchSize = null);

/// <summary>What <see cref="ProductEmbedder.EmbedMissingAsync(ProductEmbedRequest, IProgress{EmbeddingProgress}?, CancellationToken)"/> did.</summary>
/// <param name="Matrix">The vectors of every current product that has one, ordered by id.</param>
/// <param name="Run">What the embedding run did (embedded, skipped as already stored, failed).</param>
/// <param name="StorePath">The model's embedding store.</param>
/// <param name="Provider">Where the model ran.</param>
public sealed record ProductEmbedResult(EmbeddingMatrix Matrix, EmbeddingRunResult Run, string StorePath, ExecutionProviderInfo Provider);

/// <summary>
/// Brings a model's embedding store in line with the products table: embeds (through the <see cref="EmbeddingPipeline"/>)
/// every product whose id the store lacks, appending as it goes, so an interrupted run resumes with the rest, and returns
/// the vectors of the current products (vectors of deleted products stay in the store but are left out).
/// </summary>
public sealed partial class ProductEmbedder(
    IDbContextFactory<VisualRecSysDbContext> dbFactory,
    ImageEmbedders embedders,
    IOptions<EmbeddingOptions> options,
    DataPaths paths,
    ILogger<ProductEmbedder> logger)
{
    /// <summary>Rewrite the store when more than this share of its rows are superseded or of deleted products.</summary>
    private const double CompactWhenDead = 0.25;

    /// <summary>...and at least this many rows are.</summary>
    private const int CompactAtLeast = 1024;

    /// <summary>The configured model, whose vectors this embedder produces by default.</summary>
    public string ModelId => embedders.Models.Active.Id;

    /// <summary>Embeds every product without a vector (configured model and batch size) and returns the matrix of all products' vectors.</summary>
    /// <param name="progress">Receives progress (done, total, rate, time left) over the products that needed embedding.</param>
    /// <param name="ct">Stops after the model run in progress; what was embedded so far is kept.</param>
    public async Task<EmbeddingMatrix> EmbedMissingAsync(IProgress<EmbeddingProgress>? progress, CancellationToken ct) =>
        (await EmbedMissingAsync(new ProductEmbedRequest(), progress, ct)).Matrix;

    /// <summary>Embeds every product the model's store lacks and returns the vectors of all products.</summary>
    /// <param name="request">Model (name or id) and batch size; null parts use the configuration.</param>
    /// <param name="progress">Receives progress after every model run.</param>
    /// <param name="ct">Stops after the model run in progress; what was embedded so far is kept.</param>
    /// <exception cref="ArgumentException">The model is unknown.</exception>
    /// <exception cref="ExecutionProviderUnavailableException">Provider is Cuda and CUDA cannot be used.</exception>
    public async Task<ProductEmbedResult> EmbedMissingAsync(ProductEmbedRequest request, IProgress<EmbeddingProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var embedder = request.Model is null ? embedders.Active : embedders.Get(request.Model);

        List<(int Id, string ImageFile)> products;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            products = (await db.Products.AsNoTracking().OrderBy(p => p.Id)
                .Select(p => new { p.Id, p.ImageFile }).ToListAsync(ct))
                .ConvertAll(p => (p.Id, p.ImageFile));
        }

        var legacy = EmbeddingStore.LegacyFiles(paths.Embeddings);
        if (legacy.Count > 0)
        {
            LogLegacyFiles(logger, legacy.Count, paths.Embeddings);
        }

        EmbeddingRunResult run;
        string storePath;
        using (var store = OpenStore(embedder))
        {
            storePath = store.Path;
            var sources = products.ConvertAll(p => ImageSource.FromFile(p.Id, Path.Combine(paths.Images, p.ImageFile)));
            var pipeline = new EmbeddingPipeline(embedder, new EmbeddingPipelineOptions
            {
                MaxBatchSize = request.BatchSize ?? 0,
                DecodeWorkers = options.Value.DecodeWorkers,
                Failed = failure => LogUnreadable(logger, failure.Id, failure.Reason),
            });
            run = await pipeline.RunAsync(sources, store, progress, ct);
        }

        var current = products.Select(p => p.Id).ToHashSet();
        EmbeddingMatrix matrix;
        int storedRows;
        using (var reader = EmbeddingStoreReader.TryOpen(paths.Embeddings, embedder.ModelId)
            ?? throw new InvalidOperationException($"The embedding store '{storePath}' disappeared."))
        {
            matrix = reader.ToMatrix(current.Contains);
            storedRows = reader.Count;
        }

        var dead = storedRows - matrix.Count;
        if (dead >= CompactAtLeast && dead > storedRows * CompactWhenDead)
        {
            // Appending never shrinks the file; rewrite it once the superseded and deleted rows are a good part of it.
            EmbeddingStore.Save(matrix, paths.Embeddings);
            LogCompacted(logger, storePath, dead);
        }

        LogEmbedded(logger, run.Embedded, run.Failures.Count, run.Skipped, embedder.ModelId, run.ImagesPerSecond);
        return new ProductEmbedResult(matrix, run, storePath, embedder.Provider);
    }

    /// <summary>Opens the model's store for appending; an unusable one (damaged header, other model) is moved aside and started afresh.</summary>
    private EmbeddingStoreWriter OpenStore(OnnxImageEmbedder embedder)
    {
        EmbeddingStoreWriter store;
        try
        {
            store = EmbeddingStoreWriter.Open(paths.Embeddings, embedder.ModelId, embedder.Dimension);
        }
        catch (InvalidDataException e)
        {
            var path = EmbeddingStore.PathFor(paths.Embeddings, embedder.ModelId);
            var aside = $"{path}.unusable-{DateTime.UtcNow:yyyyMMddHHmmss}";
            File.Move(path, aside);
            LogMovedAside(logger, aside, e.Message);
            store = EmbeddingStoreWriter.Open(paths.Embeddings, embedder.ModelId, embedder.Dimension);
        }

        if (store.DroppedBytes > 0)
        {
            LogDropped(logger, store.DroppedBytes, store.Path, store.DroppedReason ?? "");
        }

        return store;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Product {ProductId} has no usable image and is left out of search: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, int productId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded {Embedded} products ({Failed} unusable, {Stored} already stored) with {ModelId} at {Rate:F1} images/s")]
    private static partial void LogEmbedded(ILogger logger, int embedded, int failed, int stored, string modelId, double rate);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cut {Bytes} bytes off the end of {Path} ({Reason}); those products are embedded again")]
    private static partial void LogDropped(ILogger logger, long bytes, string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Moved the unusable embedding store aside to {Path} and started a new one: {Reason}")]
    private static partial void LogMovedAside(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Compacted {Path}: dropped {Rows} superseded or deleted rows")]
    private static partial void LogCompacted(ILogger logger, string path, int rows);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} embedding files of the earlier format (*.f32, *.ids) in {Directory} are no longer read and can be deleted; products are embedded again into .vecs stores")]
    private static partial void LogLegacyFiles(ILogger logger, int count, string directory);
}
