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

/// <summary>
/// "Show me products like this photo" and, for several photos, "like this outfit": the query is the centroid of
/// the images' unit-length embeddings, as in the article behind the product. Uploaded images are embedded and
/// forgotten; only their hash names the query (for feedback). An outfit also answers each piece on its own: the
/// vectors the centroid is made of are searched one by one, so no image is embedded twice.
/// </summary>
public sealed class ImageSearch(ServedModel served, ActiveIndex activeIndex, ProductDirectory directory, UploadDecodeBudget budget,
    IOptions<EmbeddingOptions> embedding)
{
    /// <summary>More images than this is not an outfit any more; it also bounds the work one request can ask for.</summary>
    public const int MaxImages = 8;

    /// <summary>Searches with the centroid of <paramref name="images"/> and, for several, with each image alone.</summary>
    /// <param name="images">Encoded images (PNG, JPEG, WebP, GIF, BMP), each with the region searched, if any.</param>
    /// <param name="k">How many results, 1–<see cref="SimilarProducts.MaxResults"/>, for the whole and for each piece.</param>
    /// <param name="category">Only products of this category, or null for all.</param>
    /// <param name="ct">Cancels the search.</param>
    /// <exception cref="InvalidImageException">An image cannot be decoded or is too large; the message says which.</exception>
    /// <exception cref="CropOutsideImageException">A region reaches outside its image; the message says which.</exception>
    /// <exception cref="UploadsBusyException">Other uploads hold the decoding budget (<see cref="UploadDecodeBudget"/>).</exception>
    public async Task<ImageSearchResult> FindAsync(IReadOnlyList<QueryImage> images, int k, string? category, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(images.Count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(images.Count, MaxImages);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, SimilarProducts.MaxResults);

        var hash = QueryHash(images);

        // Headers only: a hostile or oversized image is refused here, before it waits for or spends any budget.
        var footprint = Footprint(images);
        OutfitVectors vectors;
        IImageEmbedder embedder;
        using (await budget.AcquireAsync(footprint, ct))
        {
            // One embedder for the whole request: the served model may switch meanwhile.
            embedder = served.Embedder;
            vectors = QueryVector.Outfit(embedder, images);
            if (activeIndex.Current is { } current && current.ModelId != embedder.ModelId
                && served.Embedder is { } switched && switched.ModelId == current.ModelId)
            {
                // An admin activated a build of another model while these images were embedded: embed them again with it.
                embedder = switched;
                vectors = QueryVector.Outfit(embedder, images);
            }
        }

        var index = activeIndex.Current;
        if (index is null)
        {
            return new ImageSearchResult(SimilarOutcome.IndexNotReady, hash, images.Count, [], []);
        }

        var products = await directory.GetAsync(ct);
        var filter = FilterFor(products, category);
        var results = Search(index, embedder.ModelId, vectors.Centroid, k, filter, products);

        // One image is its own only piece: its results above are already that piece's.
        var pieces = images.Count == 1 ? [] : Pieces(index, embedder.ModelId, vectors.Pieces, k, filter, products);
        return new ImageSearchResult(SimilarOutcome.Found, hash, images.Count, results, pieces);
    }

    /// <summary>Each piece's own results and, from the categories no piece wears, the product of each nearest it.</summary>
    private static List<PieceResult> Pieces(IVectorIndex index, string modelId, IReadOnlyList<float[]> pieces, int k, SearchFilter filter,
        ProductSnapshot products)
    {
        // What a piece is, is the category of its nearest product in the whole catalog (not only the one asked for).
        var worn = pieces
            .Select(piece => Search(index, modelId, piece, 1, FilterFor(products, null), products).FirstOrDefault()?.Category)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var missing = products.Categories.Where(c => !worn.Contains(c)).ToList();
        return [.. pieces.Select((piece, i) => new PieceResult(
            i,
            Search(index, modelId, piece, k, filter, products),
            [.. missing.SelectMany(c => Search(index, modelId, piece, 1, FilterFor(products, c), products))]))];
    }

    /// <summary>
    /// Which products a search of this request may return: the one place that decides it, for the whole outfit and for
    /// every piece alike.
    /// </summary>
    private static SearchFilter FilterFor(ProductSnapshot products, string? category) =>
        new() { Accept = products.Searchable(category) };

    /// <summary>The <paramref name="k"/> products nearest <paramref name="query"/>, best first.</summary>
    private static List<ScoredProduct> Search(IVectorIndex index, string modelId, float[] query, int k, SearchFilter filter, ProductSnapshot products)
    {
        var hits = new SearchHit[Math.Min(k, Math.Max(index.Count, 1))];
        var found = index.Search(modelId, query, k, hits, filter);
        var results = new List<ScoredProduct>(found);
        foreach (var hit in hits.AsSpan(0, found))
        {
            if (products.TryGet(hit.Id, out var p))
            {
                results.Add(new ScoredProduct(p.Id, p.Title, p.Category, hit.Score, p.ImageUrl));
            }
        }

        return results;
    }

    /// <summary>The decoded pixels the search holds at once: its largest image's, since they are decoded one at a time.</summary>
    private long Footprint(IReadOnlyList<QueryImage> images)
    {
        var limits = ImageLimits.From(embedding.Value);
        long largest = 0;
        for (var i = 0; i < images.Count; i++)
        {
            try
            {
                largest = Math.Max(largest, ImagePreprocessor.DecodeFootprint(images[i].Bytes.Span, limits));
            }
            catch (InvalidImageException e) when (images.Count > 1)
            {
                throw new InvalidImageException($"Image {i + 1} of {images.Count}: {e.Message}", e);
            }
        }

        return largest;
    }

    /// <summary>
    /// Names an upload query by content: the same images in the same order give the same hash. A region is a different
    /// query, so it counts too; a whole image hashes as it always has, so earlier feedback keeps its query.
    /// </summary>
    private static string QueryHash(IReadOnlyList<QueryImage> images)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var image in images)
        {
            sha.AppendData(SHA256.HashData(image.Bytes.Span));
            if (image.Crop is { } crop)
            {
                sha.AppendData(System.Text.Encoding.ASCII.GetBytes("crop=" + crop));
            }
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
