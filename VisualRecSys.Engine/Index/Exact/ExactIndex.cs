using System.Numerics.Tensors;
using VisualRecSys.Engine.Index.Kernels;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Engine.Index.Exact;

/// <summary>
/// Exact (brute-force) nearest-neighbour search: every query is scored against every vector with fused SIMD
/// kernels that read four rows per pass, and the best k kept in a heap inside the caller's destination,
/// so a search allocates nothing. Immutable after construction and safe to search from many threads.
/// </summary>
public sealed partial class ExactIndex : IVectorIndex
{
    private readonly EmbeddingMatrix _matrix;

    // Row-major vectors actually scored: L2-normalized copies for Angular (cosine becomes a dot product),
    // the matrix's own vectors otherwise.
    private readonly ReadOnlyMemory<float> _scored;

    /// <summary>
    /// Builds the index; for <see cref="DistanceMetric.Angular"/> it keeps L2-normalized copies of the vectors unless
    /// they are unit length already (a copy of 2M × 512 would cost 4 GB for nothing).
    /// </summary>
    public ExactIndex(EmbeddingMatrix matrix, DistanceMetric metric)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (!Enum.IsDefined(metric))
        {
            throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown distance metric.");
        }

        _matrix = matrix;
        Metric = metric;
        _scored = metric == DistanceMetric.Angular && !IsUnitLength(matrix) ? Normalize(matrix) : matrix.Vectors;
    }

    /// <inheritdoc/>
    public int Count => _matrix.Count;

    /// <inheritdoc/>
    public int Dimension => _matrix.Dimension;

    /// <inheritdoc/>
    public DistanceMetric Metric { get; }

    /// <inheritdoc/>
    public string ModelId => _matrix.ModelId;

    /// <inheritdoc/>
    public int Search(ReadOnlySpan<float> query, int k, Span<SearchHit> destination, in SearchFilter filter)
    {
        var wanted = SearchArguments.Check(query, k, destination, Dimension, Count);

        if (wanted == 0)
        {
            return 0;
        }

        var excludedRow = -1;
        if (filter.ExcludeId is int excludeId && _matrix.TryGetRow(excludeId, out var row))
        {
            excludedRow = row;
        }

        var top = new TopK(destination[..wanted]);
        ScoreAll(query, ref top, excludedRow, filter.Accept);
        var found = top.SortBestFirst();

        // The heap held row numbers; callers want ids.
        var ids = _matrix.Ids;
        for (var i = 0; i < found; i++)
        {
            destination[i] = new SearchHit(ids[destination[i].Id], destination[i].Score);
        }

        return found;
    }

    /// <inheritdoc/>
    public bool TryGetVector(int id, Span<float> destination)
    {
        if (destination.Length != Dimension)
        {
            throw new ArgumentException($"The destination must hold exactly {Dimension} floats.", nameof(destination));
        }

        if (!_matrix.TryGetRow(id, out var row))
        {
            return false;
        }

        _matrix.Vector(row).CopyTo(destination);
        return true;
    }

    /// <inheritdoc/>
    public bool Contains(int id) => _matrix.TryGetRow(id, out _);

    private void ScoreAll(ReadOnlySpan<float> query, ref TopK top, int excludedRow, Func<int, bool>? accept)
    {
        var vectors = _scored.Span;
        var ids = _matrix.Ids;
        switch (Metric)
        {
            case DistanceMetric.Angular:
                ExactScan.Run<DotAccumulator, ScaledDotScore>(query, vectors, AngularQueryScale(query), ref top, excludedRow, accept, ids);
                break;
            case DistanceMetric.Dot:
                ExactScan.Run<DotAccumulator, ScaledDotScore>(query, vectors, 1f, ref top, excludedRow, accept, ids);
                break;
            default:
                ExactScan.Run<SquaredDistanceAccumulator, NegativeDistanceScore>(query, vectors, 1f, ref top, excludedRow, accept, ids);
                break;
        }
    }

    /// <summary>
    /// Cosine = dot(q, v̂) / |q| with v̂ pre-normalized: one multiply per row instead of normalizing the query into a
    /// buffer. A zero query has no direction: every similarity is defined as 0.
    /// </summary>
    private static float AngularQueryScale(ReadOnlySpan<float> query)
    {
        var norm = TensorPrimitives.Norm(query);
        return norm > 0f ? 1f / norm : 0f;
    }

    /// <summary>Whether every row is unit length (or zero, which normalizing leaves zero) to within float rounding.</summary>
    private static bool IsUnitLength(EmbeddingMatrix matrix)
    {
        var vectors = matrix.Vectors.Span;
        var dimension = matrix.Dimension;
        for (var row = 0; row < matrix.Count; row++)
        {
            var squared = TensorPrimitives.Dot(vectors.Slice(row * dimension, dimension), vectors.Slice(row * dimension, dimension));
            if (squared != 0f && MathF.Abs(squared - 1f) > 1e-5f)
            {
                return false;
            }
        }

        return true;
    }

    private static float[] Normalize(EmbeddingMatrix matrix)
    {
        var normalized = matrix.Vectors.ToArray();
        var dimension = matrix.Dimension;
        for (var row = 0; row < matrix.Count; row++)
        {
            var vector = normalized.AsSpan(row * dimension, dimension);
            var norm = TensorPrimitives.Norm(vector);

            // A zero vector stays zero, so its cosine with anything is 0 rather than NaN.
            if (norm > 0f)
            {
                TensorPrimitives.Divide(vector, norm, vector);
            }
        }

        return normalized;
    }
}
