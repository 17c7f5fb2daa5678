using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using VisualRecSys.Engine.Index.Kernels;

namespace VisualRecSys.Engine.Index.Exact;

/// <summary>
/// One query against every row, four rows per kernel call, feeding a <see cref="TopK"/>. The heap is touched only
/// when a score beats the current k-th best, which is kept in a local so the common case is one vector compare
/// per four rows.
/// </summary>
internal static class ExactScan
{
    /// <summary>Scores every row except <paramref name="excludedRow"/> and offers the accepted ones to <paramref name="top"/>.</summary>
    /// <param name="query">The query.</param>
    /// <param name="vectors">Row-major rows of <c>query.Length</c> floats.</param>
    /// <param name="queryScale">Passed to <typeparamref name="TScore"/>.</param>
    /// <param name="top">Receives the hits as rows.</param>
    /// <param name="excludedRow">A row never returned, or -1.</param>
    /// <param name="accept">Asked only about ids that would enter the top k.</param>
    /// <param name="ids">Row → id, for <paramref name="accept"/>.</param>
    // Fully optimized from the first call: under tiered PGO this loop (entered once per query, running for
    // milliseconds) stayed in instrumented code long enough to cost about 15% of throughput in a benchmark.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TAccumulator, TScore>(
        ReadOnlySpan<float> query,
        ReadOnlySpan<float> vectors,
        float queryScale,
        ref TopK top,
        int excludedRow,
        Func<int, bool>? accept,
        ReadOnlySpan<int> ids)
        where TAccumulator : IPairAccumulator
        where TScore : IScoreTransform
    {
        var dimension = query.Length;
        var count = ids.Length;
        var groupLength = FourRowKernel.Rows * dimension;

        // Rows are visited in increasing order, so a tie with the k-th best never displaces it (ties go to the
        // lower row): "beats the threshold" can be a strict greater-than.
        var full = top.IsFull;
        var threshold = Vector128.Create(full ? top.WorstScore : float.NegativeInfinity);

        var row = 0;
        for (; row <= count - FourRowKernel.Rows; row += FourRowKernel.Rows)
        {
            var raw = FourRowKernel.Reduce<TAccumulator>(query, vectors.Slice(row * dimension, groupLength));
            var scores = TScore.ToScores(raw, queryScale);
            if (!full || Vector128.GreaterThanAny(scores, threshold))
            {
                Offer(scores, row, 0, ref top, excludedRow, accept, ids);
                full = top.IsFull;
                threshold = Vector128.Create(full ? top.WorstScore : float.NegativeInfinity);
            }
        }

        if (row == count)
        {
            return;
        }

        if (count >= FourRowKernel.Rows)
        {
            // Overlapping tail: score the last four rows and offer only those not yet seen.
            var start = count - FourRowKernel.Rows;
            var raw = FourRowKernel.Reduce<TAccumulator>(query, vectors.Slice(start * dimension, groupLength));
            Offer(TScore.ToScores(raw, queryScale), start, row - start, ref top, excludedRow, accept, ids);
            return;
        }

        for (; row < count; row++)
        {
            var raw = FourRowKernel.ReduceOne<TAccumulator>(query, vectors.Slice(row * dimension, dimension));
            Offer(TScore.ToScore(raw, queryScale), row, ref top, excludedRow, accept, ids);
        }
    }

    private static void Offer(
        Vector128<float> scores, int firstRow, int firstLane, ref TopK top, int excludedRow, Func<int, bool>? accept, ReadOnlySpan<int> ids)
    {
        for (var lane = firstLane; lane < Vector128<float>.Count; lane++)
        {
            Offer(scores.GetElement(lane), firstRow + lane, ref top, excludedRow, accept, ids);
        }
    }

    private static void Offer(float score, int row, ref TopK top, int excludedRow, Func<int, bool>? accept, ReadOnlySpan<int> ids)
    {
        // The filter is consulted only for candidates that would make the cut, keeping delegate calls rare.
        if (top.WouldAccept(score, row) && row != excludedRow && (accept is null || accept(ids[row])))
        {
            top.Add(score, row);
        }
    }
}
