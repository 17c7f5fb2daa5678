using Microsoft.Extensions.Caching.Memory;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Explain;
using VisualRecSys.Engine.Recommend;
using VisualRecSys.Web.Features.Catalog;
using VisualRecSys.Web.Features.IndexBuilds;
using VisualRecSys.Web.Infrastructure.Hosting;

namespace VisualRecSys.Web.Features.Why;

/// <summary>
/// "Why do these two products look alike": occlusion maps of both images through the model of the active index, made on
/// demand and cached per (model, query, result, grid). One pair is computed at a time: a 7 × 7 pair is about a hundred
/// forward passes of ResNet18, which keep every core busy for most of a second, so a second computation alongside would
/// only slow both (and the searches) down; a request waits its turn for a while, then is refused with 429.
/// </summary>
public sealed class WhyMaps(ActiveIndex activeIndex, ServedModel served, ProductDirectory directory, ProductCatalog catalog, DataPaths paths)
    : IDisposable
{
    /// <summary>The grid when none is asked for: cells of 32 pixels on ResNet18's 224.</summary>
    public const int DefaultGrid = 7;

    /// <summary>Pairs kept: each costs two small float grids, so hundreds are nothing; a recomputation costs a second.</summary>
    public const int CachedPairs = 512;

    // Long enough for a few pairs ahead in the queue (a user pressing "Why?" on several results), short enough to answer.
    private static readonly TimeSpan s_maxWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_retryAfter = TimeSpan.FromSeconds(2);

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = CachedPairs });
    private readonly SemaphoreSlim _turn = new(1, 1);
    private int _computed;

    /// <summary>Pairs computed so far (cache hits excluded).</summary>
    public int Computed => Volatile.Read(ref _computed);

    /// <summary>The maps of <paramref name="queryId"/> against <paramref name="resultId"/> with <paramref name="grid"/> cells per side.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="grid"/> is not between <see cref="OcclusionSensitivity.MinGrid"/> and <see cref="OcclusionSensitivity.MaxGrid"/>.</exception>
    /// <exception cref="WhyBusyException">Other maps held the computation for the longest wait.</exception>
    public async Task<WhyAnswer> ExplainAsync(int queryId, int resultId, int grid, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(grid, OcclusionSensitivity.MinGrid);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(grid, OcclusionSensitivity.MaxGrid);
        var products = await directory.GetAsync(ct);
        foreach (var id in new[] { queryId, resultId })
        {
            if (!products.TryGet(id, out _))
            {
                return WhyAnswer.Refused(WhyOutcome.UnknownProduct, $"There is no product {id}.");
            }
        }

        if (activeIndex.Current is not { } index)
        {
            return WhyAnswer.Refused(WhyOutcome.IndexNotReady, "No index serves yet.");
        }

        // The model whose likeness the similar list shows: the one the index's vectors came from.
        var modelId = index.ModelId;
        var key = new PairKey(modelId, queryId, resultId, grid);
        if (_cache.TryGetValue(key, out PairExplanation? cached))
        {
            return new WhyAnswer(WhyOutcome.Explained, cached, modelId, null);
        }

        IPixelModel model;
        try
        {
            model = PixelModels.For(served.Embedder is { } embedder && embedder.ModelId == modelId ? embedder : served.EmbedderFor(modelId));
        }
        catch (NoImagePipelineException e)
        {
            return WhyAnswer.Refused(WhyOutcome.NoImagePipeline, e.Message);
        }

        var queryImage = await ReadImageAsync(queryId, ct);
        var resultImage = await ReadImageAsync(resultId, ct);
        if (queryImage is null || resultImage is null)
        {
            var missing = queryImage is null ? queryId : resultId;
            return WhyAnswer.Refused(WhyOutcome.ImageUnavailable, $"The image of product {missing} is not on disk; import the catalog again.");
        }

        if (!await _turn.WaitAsync(s_maxWait, ct))
        {
            throw new WhyBusyException(s_retryAfter);
        }

        try
        {
            // Asked for while this request waited its turn: take the other request's maps.
            if (_cache.TryGetValue(key, out cached))
            {
                return new WhyAnswer(WhyOutcome.Explained, cached, modelId, null);
            }

            var explanation = await Task.Run(() => OcclusionSensitivity.Explain(model, queryImage, resultImage, grid), ct);
            Interlocked.Increment(ref _computed);
            _cache.Set(key, explanation, new MemoryCacheEntryOptions { Size = 1 });
            return new WhyAnswer(WhyOutcome.Explained, explanation, modelId, null);
        }
        catch (InvalidImageException e)
        {
            return WhyAnswer.Refused(WhyOutcome.ImageUnavailable, $"An image of the pair cannot be read: {e.Message}");
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Releases the cache and the turn.</summary>
    public void Dispose()
    {
        _cache.Dispose();
        _turn.Dispose();
    }

    private async Task<byte[]?> ReadImageAsync(int productId, CancellationToken ct)
    {
        var file = await catalog.FindImageFileAsync(productId, ct);
        var path = file is null ? null : paths.ImageFile(file);
        return path is not null && File.Exists(path) ? await File.ReadAllBytesAsync(path, ct) : null;
    }

    private readonly record struct PairKey(string ModelId, int QueryId, int ResultId, int Grid);
}
