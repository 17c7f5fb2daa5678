using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Recommend;
using VisualRecSys.Web.Features.Catalog;
using VisualRecSys.Web.Features.IndexBuilds;
using VisualRecSys.Web.Infrastructure.Concurrency;

namespace VisualRecSys.Web.Features.Store;

/// <summary>Why a similarity query returned no results.</summary>
public enum SimilarOutcome
{
    Found,
    UnknownProduct,
    IndexNotReady,
    ProductNotIndexed,
}

/// <summary>The answer to "what looks like this product": the query and its nearest neighbours, best first.</summary>
public sealed record SimilarResult(SimilarOutcome Outcome, ProductSummary? Query, IReadOnlyList<ScoredProduct> Results);

/// <summary>"Visually similar" for a catalog product, served by the active index.</summary>
public sealed class SimilarProducts(ActiveIndex activeIndex, ProductDirectory directory, SearchGate gate)
{
    public const int MaxResults = 100;

    /// <summary>The <paramref name="k"/> products most similar to product <paramref name="productId"/>, itself excluded.</summary>
    /// <param name="productId">The query product.</param>
    /// <param name="k">How many results.</param>
    /// <param name="ct">Cancels the query.</param>
    /// <param name="sameCategory">Only products of the query product's category.</param>
    /// <exception cref="ArgumentOutOfRangeException">k is not between 1 and <see cref="MaxResults"/>.</exception>
    public async Task<SimilarResult> FindAsync(int productId, int k, CancellationToken ct, bool sameCategory = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, MaxResults);

        var products = await directory.GetAsync(ct);
        if (!products.TryGet(productId, out var query))
        {
            return new SimilarResult(SimilarOutcome.UnknownProduct, null, []);
        }
        var index = activeIndex.Current;
        if (index is null)
        {
            return new SimilarResult(SimilarOutcome.IndexNotReady, query, []);
        }

        // Products hidden from the store (duplicates) are never answered, and k still come back when k others are eligible.
        var accept = products.Searchable(sameCategory ? query.Category : null);
        // The query vector is the product's own in this index, so it is of the index's model by construction; during an
        // activation of another model's build the served model may already be the new one while this index is the old.
        SearchHit[]? hits;
        using (await gate.EnterAsync(ct))
        {
            hits = ItemNeighbours.Of(index, index.ModelId, productId, k, accept);
        }

        if (hits is null)
        {
            return new SimilarResult(SimilarOutcome.ProductNotIndexed, query, []);
        }
        // A product deleted or hidden since the snapshot was taken has no row in it: leave it out.
        var results = new List<ScoredProduct>(hits.Length);
        foreach (var hit in hits)
        {
            if (products.TryGet(hit.Id, out var p))
            {
                results.Add(new ScoredProduct(p.Id, p.Title, p.Category, hit.Score, p.ImageUrl));
            }
        }
        return new SimilarResult(SimilarOutcome.Found, query, results);
    }
}
