using System.Numerics.Tensors;
using VisualRecSys.Engine.Index.Kernels;

namespace VisualRecSys.Engine.Index.Exact;

public sealed partial class ExactIndex
{
    // Queries per work item: enough that each pass over the matrix is shared by many queries, few enough that
    // small batches still split across cores.
    private const int MaxQueriesPerGroup = 64;

    /// <summary>
    /// Exact top-k for many queries at once, e.g. the ground truth of a recall benchmark. Much faster than one
    /// <see cref="Search"/> per query: rows are scored against many queries while they are in cache, and groups
    /// of queries run in parallel. Results are those of <see cref="Search"/> with <see cref="SearchFilter.None"/>.
    /// </summary>
    /// <param name="queries"><c>q × Dimension</c> finite floats, query after query.</param>
    /// <param name="k">Hits wanted per query.</param>
    /// <param name="destination">At least <c>q × k</c> hits: query <c>i</c>'s hits, best first, start at <c>i × k</c>.</param>
    /// <param name="counts">At least <c>q</c> entries: receives how many hits each query got (<c>min(k, Count)</c>).</param>
    /// <param name="maxDegreeOfParallelism">Most threads used; -1 for one per core.</param>
    /// <returns>The number of queries, <c>q</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is not positive, or <paramref name="maxDegreeOfParallelism"/> is 0 or below -1.</exception>
    /// <exception cref="ArgumentException">A length is wrong or a query value is not finite.</exception>
    /// <remarks>Allocates working memory in proportion to <c>q × (Dimension + k)</c>.</remarks>
    public int SearchBatch(ReadOnlySpan<float> queries, int k, Span<SearchHit> destination, Span<int> counts, int maxDegreeOfParallelism = -1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        if (maxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Use a positive number, or -1 for one thread per core.");
        }

        if (queries.Length % Dimension != 0)
        {
            throw new ArgumentException($"The queries hold {queries.Length} values, not a multiple of the dimension {Dimension}.", nameof(queries));
        }

        var queryCount = queries.Length / Dimension;
        if ((long)destination.Length < (long)queryCount * k)
        {
            throw new ArgumentException($"The destination holds {destination.Length} hits; {(long)queryCount * k} are needed.", nameof(destination));
        }

        if (counts.Length < queryCount)
        {
            throw new ArgumentException($"The counts hold {counts.Length} entries; {queryCount} are needed.", nameof(counts));
        }

        if (queryCount == 0)
        {
            return 0;
        }

        if (!TensorPrimitives.IsFiniteAll(queries))
        {
            throw new ArgumentException("The queries contain NaN or infinite values.", nameof(queries));
        }

        var wanted = Math.Min(k, Count);
        if (wanted == 0)
        {
            counts[..queryCount].Clear();
            return queryCount;
        }

        // Spans cannot cross into worker threads: copy the queries in and the hits out.
        var queryCopy = queries.ToArray();
        var scales = new float[queryCount];
        for (var q = 0; q < queryCount; q++)
        {
            scales[q] = Metric == DistanceMetric.Angular ? AngularQueryScale(queryCopy.AsSpan(q * Dimension, Dimension)) : 1f;
        }

        var hits = new SearchHit[queryCount * wanted];
        var found = new int[queryCount];
        var threads = maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : maxDegreeOfParallelism;
        // About two groups per thread, in whole tiles of four queries where there are enough.
        var perGroup = Math.Clamp(RoundUpToTile((queryCount + (2 * threads) - 1) / (2 * threads)), 1, MaxQueriesPerGroup);
        var groups = (queryCount + perGroup - 1) / perGroup;
        Parallel.For(0, groups, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, group =>
        {
            var first = group * perGroup;
            var n = Math.Min(perGroup, queryCount - first);
            SearchGroup(queryCopy.AsSpan(first * Dimension, n * Dimension), scales.AsSpan(first, n), hits.AsSpan(first * wanted, n * wanted), found.AsSpan(first, n), wanted);
        });

        var ids = _matrix.Ids;
        for (var q = 0; q < queryCount; q++)
        {
            var heap = hits.AsSpan(q * wanted, wanted);
            var written = new TopK(heap, found[q]).SortBestFirst();
            var target = destination.Slice(q * k, written);
            for (var i = 0; i < written; i++)
            {
                target[i] = new SearchHit(ids[heap[i].Id], heap[i].Score);
            }

            counts[q] = written;
        }

        return queryCount;
    }

    private static int RoundUpToTile(int queries) => (queries + TileKernel.Size - 1) / TileKernel.Size * TileKernel.Size;

    private void SearchGroup(ReadOnlySpan<float> queries, ReadOnlySpan<float> scales, Span<SearchHit> heaps, Span<int> counts, int k)
    {
        var vectors = _scored.Span;
        if (Metric == DistanceMetric.Euclidean)
        {
            BatchScan.Run<SquaredDistanceAccumulator, NegativeDistanceScore>(queries, scales, vectors, Dimension, heaps, counts, k);
        }
        else
        {
            BatchScan.Run<DotAccumulator, ScaledDotScore>(queries, scales, vectors, Dimension, heaps, counts, k);
        }
    }
}
