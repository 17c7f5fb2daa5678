using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VisualRecSys.Data;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Embedding.Pipeline;
using VisualRecSys.Engine.Evaluation.Instance;
using VisualRecSys.Engine.Heads;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Store;
using VisualRecSys.Engine.Models;
using VisualRecSys.Engine.Recommend;
using VisualRecSys.Web.Features.Heads;
using VisualRecSys.Web.Infrastructure.Hosting;

namespace VisualRecSys.Web.Features.Catalog;

/// <summary>
/// Which model to embed with (a model name or id, or a head model id; null: the configured one), how many images per
/// model run (null: the configured number), and which view of the images (a head that mirrors needs both).
/// </summary>
public sealed record ProductEmbedRequest(string? Model = null, int? BatchSize = null, ImageView View = ImageView.Original);

/// <summary>What <see cref="ProductEmbedder.EmbedMissingAsync(ProductEmbedRequest, IProgress{EmbeddingProgress}?, CancellationToken)"/> did.</summary>
/// <param name="Matrix">The vectors of every current product that has one, ordered by id.</param>
/// <param name="Run">What the embedding run did (embedded, skipped as already stored, failed).</param>
/// <param name="StorePath">The model's embedding store.</param>
/// <param name="Provider">Where the model ran.</param>
public sealed record ProductEmbedResult(EmbeddingMatrix Matrix, EmbeddingRunResult Run, string StorePath, ExecutionProviderInfo Provider);

/// <summary>
/// Brings a model's embedding store in line with the products table: embeds (through the <see cref="EmbeddingPipeline"/>)
/// every product whose id the store lacks, appending as it goes, so an interrupted run resumes with the rest, drops the
/// vectors of deleted products (rewriting the store), and returns the vectors of the current products.
/// </summary>
public sealed partial class ProductEmbedder(
    IDbContextFactory<VisualRecSysDbContext> dbFactory,
    ImageEmbedders embedders,
    HeadLibrary heads,
    VectorsOnlyModels vectorsOnly,
    IOptions<EmbeddingOptions> options,
    DataPaths paths,
    ILogger<ProductEmbedder> logger)
{
    /// <summary>Rewrite the store when more than this share of its rows are superseded by later ones.</summary>
    private const double CompactWhenDead = 0.25;

    /// <summary>...and at least this many rows are.</summary>
    private const int CompactAtLeast = 1024;

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
        if (ModelId.NamesHead(request.Model))
        {
            return await EmbedWithHeadAsync(request, progress, ct);
        }

        if (vectorsOnly.Contains(request.Model))
        {
            // Imported vectors: nothing can be embedded, the store is what there is.
            return await StoredOnlyAsync(request.Model!, ct);
        }

        var embedder = request.Model is null ? embedders.Active : embedders.Get(request.Model);
        var storeId = ImageViews.StoreId(embedder.ModelId, request.View);
        var products = await LoadProductsAsync(ct);
        var legacy = EmbeddingStore.LegacyFiles(paths.Embeddings);
        if (legacy.Count > 0)
        {
            LogLegacyFiles(logger, legacy.Count, paths.Embeddings);
        }

        EmbeddingRunResult run;
        string storePath;
        using (var store = OpenStore(storeId, embedder.Dimension))
        {
            storePath = store.Path;
            var sources = products.ConvertAll(p => ImageSource.FromFile(p.Id, Path.Combine(paths.Images, p.ImageFile)));
            var pipeline = new EmbeddingPipeline(embedder, new EmbeddingPipelineOptions
            {
                MaxBatchSize = request.BatchSize ?? 0,
                DecodeWorkers = options.Value.DecodeWorkers,
                View = request.View,
                Failed = failure => LogUnreadable(logger, failure.Id, failure.Reason),
            });
            run = await pipeline.RunAsync(sources, store, progress, ct);
        }

        var matrix = CurrentVectors(storeId, storePath, products);
        LogEmbedded(logger, run.Embedded, run.Failures.Count, run.Skipped, storeId, run.ImagesPerSecond);
        return new ProductEmbedResult(matrix, run, storePath, embedder.Provider);
    }

    /// <summary>The stored vectors of a vectors-only model's current products; products without one are left out of search.</summary>
    private async Task<ProductEmbedResult> StoredOnlyAsync(string modelId, CancellationToken ct)
    {
        var products = await LoadProductsAsync(ct);
        var storePath = EmbeddingStore.PathFor(paths.Embeddings, modelId);
        var matrix = CurrentVectors(modelId, storePath, products);
        var run = new EmbeddingRunResult(0, matrix.Count, [], Batches: 0, TimeSpan.Zero);
        if (matrix.Count < products.Count)
        {
            LogWithoutImportedVectors(logger, products.Count - matrix.Count, modelId);
        }

        return new ProductEmbedResult(matrix, run, storePath, new VectorsOnlyEmbedder(modelId, matrix.Dimension).Provider);
    }

    /// <summary>
    /// Embeds with a head model: the backbone's vectors first (each view the head needs), then the head on every product
    /// its store lacks. Only the backbone runs on images; the head itself takes a second for tens of thousands.
    /// </summary>
    private async Task<ProductEmbedResult> EmbedWithHeadAsync(ProductEmbedRequest request, IProgress<EmbeddingProgress>? progress, CancellationToken ct)
    {
        var head = heads.Get(request.Model!);
        var backbone = await EmbedMissingAsync(new ProductEmbedRequest(head.BackboneModelId, request.BatchSize), progress, ct);
        var mirrored = head.MirrorAtQuery
            ? (await EmbedMissingAsync(new ProductEmbedRequest(head.BackboneModelId, request.BatchSize, ImageView.Mirrored), progress, ct)).Matrix
            : null;
        var products = await LoadProductsAsync(ct);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        string storePath;
        int embedded;
        int skipped;
        using (var store = OpenStore(head.Id, head.Dimension))
        {
            storePath = store.Path;
            var todo = new List<int>();
            foreach (var id in backbone.Matrix.Ids)
            {
                if (!store.Contains(id) && (mirrored is null || mirrored.TryGetRow(id, out _)))
                {
                    todo.Add(id);
                }
            }

            skipped = backbone.Matrix.Count - todo.Count;
            embedded = HeadEmbedding.Append(head, backbone.Matrix, mirrored, todo, store, progress, clock, ct);
        }

        var matrix = CurrentVectors(head.Id, storePath, products);
        var run = new EmbeddingRunResult(embedded, skipped, backbone.Run.Failures, Batches: (embedded + HeadEmbedding.BatchRows - 1) / HeadEmbedding.BatchRows, clock.Elapsed);
        LogEmbedded(logger, run.Embedded, 0, run.Skipped, head.Id, run.ImagesPerSecond);
        return new ProductEmbedResult(matrix, run, storePath, backbone.Provider);
    }

    /// <summary>
    /// Embeds one edited copy (a product photographed again, <see cref="ImageEdits"/>) of each of <paramref name="productIds"/>
    /// with the backbone <paramref name="backbone"/>, into the store <see cref="ImageViews.EditedStoreId"/>: each product's
    /// edit kind and parameters come from <paramref name="seed"/> and its id alone, so a product always gets the same copy
    /// whatever else is sampled, and an interrupted run resumes. Returns the copies' vectors by product id.
    /// </summary>
    public async Task<EmbeddingMatrix> EmbedEditedCopiesAsync(string backbone, IReadOnlyCollection<int> productIds, int seed,
        IProgress<EmbeddingProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(productIds);
        var embedder = embedders.Get(backbone);
        var storeId = ImageViews.EditedStoreId(embedder.ModelId, seed);
        var wanted = productIds.ToHashSet();
        var products = (await LoadProductsAsync(ct)).Where(p => wanted.Contains(p.Id)).ToList();
        var limits = ImageLimits.From(options.Value);
        string storePath;
        using (var store = OpenStore(storeId, embedder.Dimension))
        {
            storePath = store.Path;
            var sources = products.Select(p => new ImageSource(p.Id, () =>
            {
                var original = File.ReadAllBytes(Path.Combine(paths.Images, p.ImageFile));
                var family = ImageEdits.IsGrey(original, limits) ? ImageEditKinds.ForGrey : ImageEditKinds.ForColour;
                var kind = family[EditPlan.SeedOf(seed, p.Id, 1) % family.Count];
                var edited = ImageEdits.Apply(original, kind, EditPlan.SeedOf(seed, p.Id, 0), limits);
                return new MemoryStream(edited.Encoded, writable: false);
            })).ToList();
            var pipeline = new EmbeddingPipeline(embedder, new EmbeddingPipelineOptions
            {
                // Editing (decode, edit, encode) comes before the usual decode: one worker left the model waiting (42 images/s).
                DecodeWorkers = Math.Max(2, options.Value.DecodeWorkers),
                StoreModelId = storeId,
                Failed = failure => LogUnreadable(logger, failure.Id, failure.Reason),
            });
            var run = await pipeline.RunAsync(sources, store, progress, ct);
            LogEmbedded(logger, run.Embedded, run.Failures.Count, run.Skipped, storeId, run.ImagesPerSecond);
        }

        using var reader = EmbeddingStoreReader.TryOpen(paths.Embeddings, storeId)
            ?? throw new InvalidOperationException($"The embedding store '{storePath}' disappeared.");
        return reader.ToMatrix(wanted.Contains);
    }

    private async Task<List<(int Id, string ImageFile)>> LoadProductsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.Products.AsNoTracking().OrderBy(p => p.Id)
                .Select(p => new { p.Id, p.ImageFile }).ToListAsync(ct))
            .ConvertAll(p => (p.Id, p.ImageFile));
    }

    /// <summary>The store's vectors of the current products; a store holding deleted or many superseded rows is compacted.</summary>
    private EmbeddingMatrix CurrentVectors(string storeId, string storePath, List<(int Id, string ImageFile)> products)
    {
        var current = products.Select(p => p.Id).ToHashSet();
        EmbeddingMatrix matrix;
        int storedRows;
        bool holdsDeleted;
        using (var reader = EmbeddingStoreReader.TryOpen(paths.Embeddings, storeId)
            ?? throw new InvalidOperationException($"The embedding store '{storePath}' disappeared."))
        {
            matrix = reader.ToMatrix(current.Contains);
            storedRows = reader.Count;
            holdsDeleted = reader.Ids.ToArray().Any(id => !current.Contains(id));
        }

        // Index builds read the store: it must not offer vectors of deleted products, so those are compacted away at once.
        // Superseded vectors (a product embedded again) are harmless (the last one counts) and wait until they are many.
        var dead = storedRows - matrix.Count;
        if (holdsDeleted || (dead >= CompactAtLeast && dead > storedRows * CompactWhenDead))
        {
            EmbeddingStore.Save(matrix, paths.Embeddings);
            LogCompacted(logger, storePath, dead);
        }

        return matrix;
    }

    /// <summary>Opens the model's store for appending; an unusable one (damaged header, other model) is moved aside and started afresh.</summary>
    private EmbeddingStoreWriter OpenStore(string storeId, int dimension)
    {
        EmbeddingStoreWriter store;
        try
        {
            store = EmbeddingStoreWriter.Open(paths.Embeddings, storeId, dimension);
        }
        catch (InvalidDataException e)
        {
            var path = EmbeddingStore.PathFor(paths.Embeddings, storeId);
            var aside = $"{path}.unusable-{DateTime.UtcNow:yyyyMMddHHmmss}";
            File.Move(path, aside);
            LogMovedAside(logger, aside, e.Message);
            store = EmbeddingStoreWriter.Open(paths.Embeddings, storeId, dimension);
        }

        if (store.DroppedBytes > 0)
        {
            LogDropped(logger, store.DroppedBytes, store.Path, store.DroppedReason ?? "");
        }

        return store;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} products have no vector of model {ModelId}, which was imported as vectors (no image pipeline), and are left out of search")]
    private static partial void LogWithoutImportedVectors(ILogger logger, int count, string modelId);

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
