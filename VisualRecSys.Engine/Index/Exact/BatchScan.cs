using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using VisualRecSys.Engine.Index.Kernels;

namespace VisualRecSys.Engine.Index.Exact;

/// <summary>
/// Exact top-k for a group of queries over every row, blocked for the cache: a block of rows small enough to stay
/// in L2 is scored against every query of the group before the next block is read, four queries × four rows per
/// kernel call. The matrix is then streamed from memory once per group instead of once per query, and the work is
/// bound by arithmetic. Rows are visited in increasing order for every query, as in <see cref="ExactScan"/>, so the
/// results (ties to the lower row) are the same as one search per query.
/// </summary>
internal static class BatchScan
{
    // ~128 KiB of rows per block: with a group's queries (at most 64 × dimension floats) both stay in a 512 KiB-1 MiB L2.
    private const int BlockBytes = 128 * 1024;

    /// <summary>Fills one heap per query (rows, not ids; unsorted).</summary>
    /// <param name="queries">The group's queries, back to back.</param>
    /// <param name="queryScales">One scale per query, passed to <typeparamref name="TScore"/>.</param>
    /// <param name="vectors">Row-major rows.</param>
    /// <param name="dimension">Floats per query and per row.</param>
    /// <param name="heaps">One heap of <paramref name="k"/> hits per query, back to back.</param>
    /// <param name="counts">Receives the number of hits in each heap.</param>
    /// <param name="k">Heap capacity; at most the number of rows.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TAccumulator, TScore>(
        ReadOnlySpan<float> queries, ReadOnlySpan<float> queryScales, ReadOnlySpan<float> vectors, int dimension, Span<SearchHit> heaps, Span<int> counts, int k)
        where TAccumulator : IPairAccumulator
        where TScore : IScoreTransform
    {
        var queryCount = queryScales.Length;
        var rowCount = vectors.Length / dimension;
        counts[..queryCount].Clear();
        Span<float> thresholds = queryCount <= 256 ? stackalloc float[queryCount] : new float[queryCount];
        thresholds.Fill(float.NegativeInfinity);
        Span<Vector128<float>> tile = stackalloc Vector128<float>[TileKernel.Size];
        var state = new Heaps(heaps, counts, thresholds, k);

        var groupLength = FourRowKernel.Rows * dimension;
        var rowsPerBlock = Math.Max(FourRowKernel.Rows, BlockBytes / (sizeof(float) * dimension) / FourRowKernel.Rows * FourRowKernel.Rows);
        var fullGroupsEnd = rowCount / FourRowKernel.Rows * FourRowKernel.Rows;
        for (var blockStart = 0; blockStart < fullGroupsEnd; blockStart += rowsPerBlock)
        {
            var blockEnd = Math.Min(blockStart + rowsPerBlock, fullGroupsEnd);
            var query = 0;
            for (; query <= queryCount - TileKernel.Size; query += TileKernel.Size)
            {
                var tileQueries = queries.Slice(query * dimension, groupLength);
                for (var row = blockStart; row < blockEnd; row += FourRowKernel.Rows)
                {
                    TileKernel.Reduce<TAccumulator>(tileQueries, vectors.Slice(row * dimension, groupLength), tile);
                    for (var j = 0; j < TileKernel.Size; j++)
                    {
                        state.Offer(query + j, TScore.ToScores(tile[j], queryScales[query + j]), row, 0);
                    }
                }
            }

            for (; query < queryCount; query++)
            {
                var single = queries.Slice(query * dimension, dimension);
                for (var row = blockStart; row < blockEnd; row += FourRowKernel.Rows)
                {
                    var raw = FourRowKernel.Reduce<TAccumulator>(single, vectors.Slice(row * dimension, groupLength));
                    state.Offer(query, TScore.ToScores(raw, queryScales[query]), row, 0);
                }
            }
        }

        if (fullGroupsEnd == rowCount)
        {
            return;
        }

        for (var query = 0; query < queryCount; query++)
        {
            var single = queries.Slice(query * dimension, dimension);
            if (rowCount >= FourRowKernel.Rows)
            {
                // Overlapping tail, as in ExactScan: the last four rows, offering only those not yet seen.
                var start = rowCount - FourRowKernel.Rows;
                var raw = FourRowKernel.Reduce<TAccumulator>(single, vectors.Slice(start * dimension, groupLength));
                state.Offer(query, TScore.ToScores(raw, queryScales[query]), start, fullGroupsEnd - start, force: true);
                continue;
            }

            for (var row = 0; row < rowCount; row++)
            {
                var raw = FourRowKernel.ReduceOne<TAccumulator>(single, vectors.Slice(row * dimension, dimension));
                state.Offer(query, Vector128.CreateScalar(TScore.ToScore(raw, queryScales[query])), row, 0, force: true, lanes: 1);
            }
        }
    }

    /// <summary>The heaps of a group of queries with the k-th best score of each kept beside them.</summary>
    private readonly ref struct Heaps(Span<SearchHit> heaps, Span<int> counts, Span<float> thresholds, int k)
    {
        private readonly Span<SearchHit> _heaps = heaps;
        private readonly Span<int> _counts = counts;
        private readonly Span<float> _thresholds = thresholds;
        private readonly int _k = k;

        /// <summary>Offers lanes <paramref name="firstLane"/>.. of <paramref name="scores"/> (rows <paramref name="firstRow"/> + lane).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Offer(int query, Vector128<float> scores, int firstRow, int firstLane, bool force = false, int lanes = 4)
        {
            // The common case: the heap is full and no lane beats its worst hit.
            if (!force && _counts[query] == _k && !Vector128.GreaterThanAny(scores, Vector128.Create(_thresholds[query])))
            {
                return;
            }

            var top = new TopK(_heaps.Slice(query * _k, _k), _counts[query]);
            for (var lane = firstLane; lane < lanes; lane++)
            {
                var score = scores.GetElement(lane);
                if (top.WouldAccept(score, firstRow + lane))
                {
                    top.Add(score, firstRow + lane);
                }
            }

            _counts[query] = top.Count;
            _thresholds[query] = top.IsFull ? top.WorstScore : float.NegativeInfinity;
        }
    }
}
