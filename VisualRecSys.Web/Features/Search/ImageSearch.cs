using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Recommend;
using VisualRecSys.Web.Features.Catalog;
using VisualRecSys.Web.Features.Heads;
using VisualRecSys.Web.Features.IndexBuilds;
using VisualRecSys.Web.Features.Store;

namespace VisualRecSys.Web.Features.Search;

/// <summary>The result of a search by uploaded images: a hash naming the query, and the products found.</summary>
public sealed record ImageSearchResult(SimilarOutcome Outcome, string QueryHash, int Images, IReadOnlyList<ScoredProduct> Results);

/// <summary>
/// "Show me products like this photo" and, for several photos, "like this outfit": the query is the centroid of
/// the images' unit-length embeddings, as in the article behind the product. Uploaded images are embedded and
/// forgotten; only their hash names the query (for feedback).
/// </summary>
public sealed class ImageSearch(ServedModel served, ActiveIndex activeIndex, ProductDirectory directory, UploadDecodeBudget budget,
    IOptions<EmbeddingOptions> embedding)
{
    /// <summary>More images than this is not an outfit any more; it also bounds the work one request can ask for.</summary>
    public const int MaxImages = 8;

    /// <summary>Searches with the centroid of <paramref name="images"/>.</summary>
    /// <param name="images">Encoded images (PNG, JPEG, WebP, GIF, BMP).</param>
    /// <param name="k">How many results, 1–<see cref="SimilarProducts.MaxResults"/>.</param>
    /// <param name="category">Only products of this category, or null for all.</param>
    /// <param name="ct">Cancels the search.</param>
    /// <exception cref="InvalidImageException">An image cannot be decoded or is too large; the message says which.</exception>
    /// <exception cref="UploadsBusyException">Other uploads hold the decoding budget (<see cref="UploadDecodeBudget"/>).</exception>
    public async Task<ImageSearchResult> FindAsync(IReadOnlyList<ReadOnlyMemory<byte>> images, int k, string? category, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(images.Count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(images.Count, MaxImages);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, SimilarProducts.MaxResults);

        var hash = QueryHash(images);

        // Headers only: a hostile or oversized image is refused here, before it waits for or spends any budget.
        var footprint = Footprint(images);
        float[] centroid;
        IImageEmbedder embedder;
        using (await budget.AcquireAsync(footprint, ct))
        {
            // One embedder for the whole request: the served model may switch meanwhile.
            embedder = served.Embedder;
            centroid = QueryVector.Of(embedder, images);
            if (activeIndex.Current is { } current && current.ModelId != embedder.ModelId
                && served.Embedder is { } switched && switched.ModelId == current.ModelId)
            {
                // An admin activated a build of another model while these images were embedded: embed them again with it.
                embedder = switched;
                centroid = QueryVector.Of(embedder, images);
            }
        }

        var index = activeIndex.Current;
        if (index is null)
        {
            return new ImageSearchResult(SimilarOutcome.IndexNotReady, hash, images.Count, []);
        }

        var products = await directory.GetAsync(ct);
        var filter = new SearchFilter { Accept = products.Searchable(category) };

        var hits = new SearchHit[Math.Min(k, Math.Max(index.Count, 1))];
        var found = index.Search(embedder.ModelId, centroid, k, hits, filter);
        var results = new List<ScoredProduct>(found);
        foreach (var hit in hits.AsSpan(0, found))
        {
            if (products.TryGet(hit.Id, out var p))
            {
                results.Add(new ScoredProduct(p.Id, p.Title, p.Category, hit.Score, p.ImageUrl));
            }
        }

        return new ImageSearchResult(SimilarOutcome.Found, hash, images.Count, results);
    }

    /// <summary>The decoded pixels the search holds at once: its largest image's, since they are decoded one at a time.</summary>
    private long Footprint(IReadOnlyList<ReadOnlyMemory<byte>> images)
    {
        var limits = ImageLimits.From(embedding.Value);
        long largest = 0;
        for (var i = 0; i < images.Count; i++)
        {
            try
            {
                largest = Math.Max(largest, ImagePreprocessor.DecodeFootprint(images[i].Span, limits));
            }
            catch (InvalidImageException e) when (images.Count > 1)
            {
                throw new InvalidImageException($"Image {i + 1} of {images.Count}: {e.Message}", e);
            }
        }

        return largest;
    }

    /// <summary>Names an upload query by content: the same images in the same order give the same hash.</summary>
    private static string QueryHash(IReadOnlyList<ReadOnlyMemory<byte>> images)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var image in images)
        {
            sha.AppendData(SHA256.HashData(image.Span));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
