namespace VisualRecSys.Engine.Index;

/// <summary>A read-only k-nearest-neighbour index over vectors identified by integer ids. Thread-safe for searching.</summary>
public interface IVectorIndex
{
    /// <summary>Number of vectors.</summary>
    int Count { get; }

    /// <summary>Length of every vector.</summary>
    int Dimension { get; }

    /// <summary>How vectors are compared.</summary>
    DistanceMetric Metric { get; }

    /// <summary>
    /// The model whose vectors the index holds. Vectors of another model are not comparable: query through
    /// <see cref="VectorIndexExtensions.Search(IVectorIndex, string, ReadOnlySpan{float}, int, Span{SearchHit}, in SearchFilter)"/>
    /// to have that checked.
    /// </summary>
    string ModelId { get; }

    /// <summary>Finds the <paramref name="k"/> best-scoring vectors for <paramref name="query"/>.</summary>
    /// <param name="query">A vector of length <see cref="Dimension"/>, finite values only.</param>
    /// <param name="k">How many hits are wanted; more than <see cref="Count"/> is allowed.</param>
    /// <param name="destination">Receives the hits best first; must hold at least <c>min(k, Count)</c>.</param>
    /// <param name="filter">Ids to leave out.</param>
    /// <returns>The number of hits written: <c>min(k, number of vectors the filter lets through)</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is zero or negative.</exception>
    /// <exception cref="ArgumentException">The query has the wrong length or a non-finite value, or the destination is too small.</exception>
    int Search(ReadOnlySpan<float> query, int k, Span<SearchHit> destination, in SearchFilter filter);

    /// <summary>Copies the vector stored for <paramref name="id"/> (as given, not normalized).</summary>
    /// <param name="id">The id.</param>
    /// <param name="destination">Must hold exactly <see cref="Dimension"/> floats.</param>
    /// <returns><see langword="false"/> if the index has no such id.</returns>
    bool TryGetVector(int id, Span<float> destination);

    /// <summary>Whether the index holds <paramref name="id"/>.</summary>
    bool Contains(int id);
}
