using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Index;
using VisualRecSys.Web.Hosting;

namespace VisualRecSys.Web.Catalog;

/// <summary>
/// Brings the stored embeddings in line with the products table: embeds products that have no
/// vector yet, drops vectors of deleted products, and saves as it goes so an interrupted run resumes.
/// </summary>
public sealed partial class ProductEmbedder(
    IDbContextFactory<VisualRecSysDbContext> dbFactory,
    IImageEmbedder embedder,
    DataPaths paths,
    ILogger<ProductEmbedder> logger)
{
    /// <summary>How many images go to the model per call; 16 keeps the CPU busy without a large buffer.</summary>
    private const int BatchSize = 16;

    /// <summary>Saving after this many new vectors bounds the work lost to a crash.</summary>
    private const int SaveEvery = 512;

    /// <summary>The model whose vectors this embedder produces.</summary>
    public string ModelId => embedder.ModelId;

    /// <summary>Embeds every product without a vector and returns the matrix of all products' vectors.</summary>
    /// <param name="progress">Receives (done, total) over the products that needed embedding.</param>
    /// <param name="ct">Stops between batches; what was embedded so far is saved.</param>
    public async Task<EmbeddingMatrix> EmbedMissingAsync(IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        List<(int Id, string ImageFile)> products;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            products = (await db.Products.AsNoTracking().OrderBy(p => p.Id)
                .Select(p => new { p.Id, p.ImageFile }).ToListAsync(ct))
                .ConvertAll(p => (p.Id, p.ImageFile));
        }

        var dimension = embedder.Dimension;
        var stored = EmbeddingStore.TryLoad(paths.Embeddings, ModelId);
        var vectors = new Dictionary<int, float[]>(products.Count);
        var wanted = products.Select(p => p.Id).ToHashSet();
        if (stored is not null && stored.Dimension == dimension)
        {
            var ids = stored.Ids;
            for (var row = 0; row < stored.Count; row++)
            {
                if (wanted.Contains(ids[row]))
                {
                    vectors[ids[row]] = stored.Vector(row).ToArray();
                }
            }
        }

        var missing = products.Where(p => !vectors.ContainsKey(p.Id)).ToList();
        var done = 0;
        var sinceSave = 0;
        progress?.Report((0, missing.Count));
        foreach (var batch in missing.Chunk(BatchSize))
        {
            ct.ThrowIfCancellationRequested();
            await Task.Run(() => EmbedBatch(batch, vectors, dimension), ct);
            done += batch.Length;
            sinceSave += batch.Length;
            progress?.Report((done, missing.Count));
            if (sinceSave >= SaveEvery)
            {
                Save(vectors, dimension);
                sinceSave = 0;
            }
        }

        var matrix = ToMatrix(vectors, dimension);
        if (missing.Count > 0 || stored is null || stored.Count != matrix.Count)
        {
            EmbeddingStore.Save(matrix, paths.Embeddings);
        }
        return matrix;
    }

    private void EmbedBatch((int Id, string ImageFile)[] batch, Dictionary<int, float[]> vectors, int dimension)
    {
        var images = new List<ReadOnlyMemory<byte>>(batch.Length);
        var ids = new List<int>(batch.Length);
        foreach (var (id, file) in batch)
        {
            try
            {
                images.Add(File.ReadAllBytes(Path.Combine(paths.Images, file)));
                ids.Add(id);
            }
            catch (IOException e)
            {
                LogUnreadable(logger, id, e.Message);
            }
        }

        var output = new float[images.Count * dimension];
        try
        {
            embedder.EmbedBatch(images, output);
        }
        catch (InvalidImageException)
        {
            // One bad image must not cost the whole batch: redo it image by image and skip the bad ones.
            EmbedOneByOne(images, ids, vectors, dimension);
            return;
        }
        for (var i = 0; i < ids.Count; i++)
        {
            vectors[ids[i]] = output.AsSpan(i * dimension, dimension).ToArray();
        }
    }

    private void EmbedOneByOne(List<ReadOnlyMemory<byte>> images, List<int> ids, Dictionary<int, float[]> vectors, int dimension)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            var vector = new float[dimension];
            try
            {
                embedder.Embed(images[i].Span, vector);
                vectors[ids[i]] = vector;
            }
            catch (InvalidImageException e)
            {
                LogUnreadable(logger, ids[i], e.Message);
            }
        }
    }

    private void Save(Dictionary<int, float[]> vectors, int dimension) =>
        EmbeddingStore.Save(ToMatrix(vectors, dimension), paths.Embeddings);

    private EmbeddingMatrix ToMatrix(Dictionary<int, float[]> vectors, int dimension)
    {
        var ids = vectors.Keys.Order().ToArray();
        var flat = new float[ids.Length * dimension];
        for (var row = 0; row < ids.Length; row++)
        {
            vectors[ids[row]].CopyTo(flat.AsSpan(row * dimension, dimension));
        }
        return new EmbeddingMatrix(ModelId, dimension, ids, flat);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Product {ProductId} has no usable image and is left out of search: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, int productId, string reason);
}
