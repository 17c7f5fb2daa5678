using System.Buffers;
using VisualRecSys.Engine.Index;

namespace VisualRecSys.Engine.Recommend;

/// <summary>"Visually similar" for an item of the index: its own vector is the query, and it is left out of the answer.</summary>
public static class ItemNeighbours
{
    /// <summary>
    /// The <paramref name="k"/> items nearest item <paramref name="itemId"/> in <paramref name="index"/> (best first, the
    /// item itself excluded) among those <paramref name="accept"/> lets through; null when the index does not hold the item.
    /// </summary>
    /// <param name="index">The index searched, and the one the item's vector is read from.</param>
    /// <param name="queryModelId">The model the caller means to search with; it must be the index's.</param>
    /// <param name="itemId">The query item.</param>
    /// <param name="k">How many neighbours at most.</param>
    /// <param name="accept">Which items may be answered, or null for all.</param>
    /// <exception cref="ModelMismatchException">The index holds another model's vectors than <paramref name="queryModelId"/>.</exception>
    public static SearchHit[]? Of(IVectorIndex index, string queryModelId, int itemId, int k, Func<int, bool>? accept)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        // Pooled: a product page asks this on every view, and only the few hits found are kept.
        var vector = ArrayPool<float>.Shared.Rent(index.Dimension);
        var hits = ArrayPool<SearchHit>.Shared.Rent(k);
        try
        {
            var query = vector.AsSpan(0, index.Dimension);
            if (!index.TryGetVector(itemId, query))
            {
                return null;
            }

            var found = index.Search(queryModelId, query, k, hits.AsSpan(0, k), new SearchFilter { ExcludeId = itemId, Accept = accept });
            return hits.AsSpan(0, found).ToArray();
        }
        finally
        {
            ArrayPool<float>.Shared.Return(vector);
            ArrayPool<SearchHit>.Shared.Return(hits);
        }
    }
}
