namespace VisualRecSys.Engine.Index;

/// <summary>Queries that say which model made the query vector.</summary>
public static class VectorIndexExtensions
{
    /// <summary>
    /// As <see cref="IVectorIndex.Search"/>, after checking that <paramref name="queryModelId"/> (the model that embedded
    /// <paramref name="query"/>) is the model whose vectors the index holds.
    /// </summary>
    /// <exception cref="ModelMismatchException">The query comes from another model than the index.</exception>
    public static int Search(this IVectorIndex index, string queryModelId, ReadOnlySpan<float> query, int k, Span<SearchHit> destination,
        in SearchFilter filter)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(queryModelId);
        ModelMismatchException.ThrowIfDifferent(index.ModelId, queryModelId, "index");
        return index.Search(query, k, destination, filter);
    }
}
