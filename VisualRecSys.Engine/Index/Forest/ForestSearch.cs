using System.Runtime.InteropServices;
using System.Numerics.Tensors;

namespace VisualRecSys.Engine.Index.Forest;

/// <summary>
/// A query over a forest: descend all trees through one priority queue keyed by split margin until
/// searchK eligible candidates are gathered (each row once, thanks to a bitset), then rank them exactly.
/// </summary>
internal static class ForestSearch
{
    /// <summary>No row to exclude.</summary>
    public const int NoRow = -1;

    /// <summary>
    /// The best k rows for <paramref name="query"/> as (id, score) hits in <paramref name="destination"/>, among the ids
    /// <paramref name="accept"/> lets through (null: all), never <paramref name="excludedRow"/> (or <see cref="NoRow"/>).
    /// </summary>
    public static int Run(ForestData data, QueryScratch scratch, ReadOnlySpan<float> query, int k, int searchK,
        Span<SearchHit> destination, Func<int, bool>? accept, int excludedRow)
    {
        var queryNormSquared = Prepare(data, scratch, query);
        var gathered = Gather(data, scratch, Math.Max(searchK, k), accept, excludedRow);
        var found = Rank(data, scratch, gathered, queryNormSquared, destination);

        // The heap held rows; callers want ids.
        var ids = data.Ids.Span;
        for (var i = 0; i < found; i++)
        {
            destination[i] = new SearchHit(ids[destination[i].Id], destination[i].Score);
        }

        return found;
    }

    /// <summary>Copies (and for Angular normalizes) the query and projects it into the split space; returns |q|².</summary>
    private static float Prepare(ForestData data, QueryScratch scratch, ReadOnlySpan<float> query)
    {
        var q = scratch.Query.AsSpan();
        query.CopyTo(q);
        var norm = TensorPrimitives.Norm(q);
        if (data.Metric == DistanceMetric.Angular && norm > 0f)
        {
            TensorPrimitives.Divide(q, norm, q);
            norm = 1f;
        }

        var y = scratch.Projected.AsSpan();
        SplitSpace.Project(q, data.Projection.Span, data.ProjectionRows, y);
        if (data.Metric == DistanceMetric.Dot)
        {
            y[data.SplitDimension - 1] = 0f;
        }

        return norm * norm;
    }

    /// <summary>Fills scratch.Candidates with up to <paramref name="wanted"/> eligible rows (more when a leaf overshoots); returns how many.</summary>
    /// <remarks>
    /// Every step here waits on memory at hundreds of thousands of rows: a node's normal, its children, a leaf's place in
    /// the leaf table, the leaf's rows. So each is asked for as soon as its address is known, and a leaf is scanned two
    /// leaves after the descent reaches it (<see cref="LeafPipeline"/>), its rows fetched in between. The leaves scanned
    /// and their order are exactly those of scanning each at once; at most two descents are made in vain at the end.
    /// </remarks>
    private static unsafe int Gather(ForestData data, QueryScratch scratch, int wanted, Func<int, bool>? accept, int excludedRow)
    {
        var normals = data.Normals.Span;
        var offsets = data.Offsets.Span;
        var children = data.Children.Span;
        var split = data.SplitDimension;
        var throughOrigin = data.SplitsThroughOrigin;
        var y = scratch.Projected.AsSpan(0, split);

        var queue = new NodeQueue(scratch);
        foreach (var root in data.Roots.Span)
        {
            queue.Push(float.PositiveInfinity, root);
        }

        var scan = new LeafScan(data, scratch, accept, excludedRow);
        var pipeline = new LeafPipeline();
        fixed (float* normalsBase = normals)
        fixed (float* offsetsBase = offsets)
        fixed (int* childrenBase = children)
        fixed (int* leafStartsBase = data.LeafStarts.Span)
        fixed (int* leafItemsBase = data.LeafItems.Span)
        {
            var memory = new NodeMemory(normalsBase, split, throughOrigin ? null : offsetsBase, childrenBase, leafStartsBase, leafItemsBase);
            while (scan.Gathered < wanted)
            {
                if (queue.Count == 0)
                {
                    // Nothing left to descend: scan what the pipeline still holds, oldest first.
                    if (!pipeline.TryTakeOldest(out var last))
                    {
                        break;
                    }

                    scan.Scan(last);
                    continue;
                }

                var (priority, node) = queue.Pop();

                // Go straight down the query's side, queueing only the other sides: the near child would be popped next
                // anyway unless a queued node has a larger priority, and a few such inversions cost no recall (1M × 512:
                // identical recall at 5,000 and 10,000 candidates) while each skipped push and pop saves a heap walk.
                while (!NodeRef.IsLeaf(node))
                {
                    // Both children are asked for before this node's margin is computed, so their fetch overlaps it.
                    var negative = children[2 * node];
                    var positive = children[(2 * node) + 1];
                    memory.Prefetch(negative);
                    memory.Prefetch(positive);
                    var margin = SplitMargin.Dot(normals.Slice(node * split, split), y);
                    if (!throughOrigin)
                    {
                        margin += offsets[node];
                    }

                    var (near, far) = margin >= 0f ? (positive, negative) : (negative, positive);
                    queue.Push(Math.Min(priority, -Math.Abs(margin)), far);
                    priority = Math.Min(priority, Math.Abs(margin));
                    node = near;
                }

                var leaf = NodeRef.LeafIndex(node);
                var (fetchRows, ready) = pipeline.Add(leaf);
                if (fetchRows >= 0)
                {
                    memory.PrefetchRows(fetchRows);
                }

                if (ready >= 0)
                {
                    scan.Scan(ready);
                }
            }
        }

        scan.ClearSeen();
        return scan.Gathered;
    }

    /// <summary>|r_q|: the length of the query outside the shortlist components <paramref name="y"/> (orthonormal, so |q|² = |y|² + |r_q|²).</summary>
    private static float QueryResidual(ReadOnlySpan<float> query, ReadOnlySpan<float> y) =>
        MathF.Sqrt(Math.Max(0f, TensorPrimitives.Dot(query, query) - TensorPrimitives.Dot(y, y)));

    /// <summary>How many candidates ahead to prefetch: enough to cover memory latency, few enough to stay in L1.</summary>
    private const int PrefetchDistance = 16;

    /// <summary>Scores the gathered rows exactly and keeps the best k in <paramref name="destination"/>, best first (Id = row).</summary>
    private static unsafe int Rank(ForestData data, QueryScratch scratch, int gathered, float queryNormSquared, Span<SearchHit> destination)
    {
        // Score every candidate cheaply in the split space first, then only the best few exactly: most of a
        // query's time is the memory traffic of full vectors.
        var full = data.ShortlistFactor * destination.Length;
        var shortlist = data.CodeResiduals.IsEmpty ? full : ShortlistSize(full, gathered);
        if (data.HasShortlist && gathered > shortlist)
        {
            gathered = Shortlist(data, scratch, gathered, shortlist);
        }

        var q = scratch.Query.AsSpan();
        var vectors = data.Vectors.Span;
        var squaredNorms = data.SquaredNorms.Span;
        var dimension = data.Dimension;
        var metric = data.Metric;
        var top = new TopK(destination);
        var candidates = scratch.Candidates.AsSpan(0, gathered);
        fixed (float* basePointer = &MemoryMarshal.GetReference(vectors))
        {
            for (var i = 0; i < candidates.Length; i++)
            {
                if (i + PrefetchDistance < candidates.Length)
                {
                    CacheLines.Prefetch(basePointer + ((long)candidates[i + PrefetchDistance] * dimension), Math.Min(dimension, 256) * sizeof(float));
                }

                var row = candidates[i];
                var dot = TensorPrimitives.Dot(q, vectors.Slice(row * dimension, dimension));
                var score = metric == DistanceMetric.Euclidean
                    ? -MathF.Sqrt(Math.Max(0f, squaredNorms[row] + queryNormSquared - (2f * dot)))
                    : dot;
                if (top.WouldAccept(score, row))
                {
                    top.Add(score, row);
                }
            }
        }

        return top.SortBestFirst();
    }

    /// <summary>Candidates gathered per candidate ranked exactly, down to half the shortlist's full size (codes with residuals).</summary>
    internal const int GatheredPerShortlisted = 15;

    /// <summary>
    /// How many candidates are ranked exactly: <paramref name="full"/> (factor × k), or fewer, down to half, when few were
    /// gathered. The exact ranking reads 2 KB a row: with 1,500 candidates among 240K rows it was a third of a query, and
    /// half as many rows cost 0.14 points of recall@10 for 1.45× the rate (10,000 queries). With 5,000 among 2M, half lost
    /// 0.75 points and gained nothing, so the size follows the candidates: one in <see cref="GatheredPerShortlisted"/>.
    /// Only for codes that count their residuals (file format 3): without, a smaller shortlist loses more.
    /// </summary>
    internal static int ShortlistSize(int full, int gathered) => Math.Clamp(gathered / GatheredPerShortlisted, Math.Max(1, full / 2), Math.Max(1, full));

    /// <summary>
    /// Moves the <paramref name="size"/> candidates best on their <see cref="ShortlistCodes"/> (cheap) to the front of
    /// scratch.Candidates, to be scored exactly; <paramref name="gathered"/> must exceed <paramref name="size"/>.
    /// </summary>
    private static unsafe int Shortlist(ForestData data, QueryScratch scratch, int gathered, int size)
    {
        var codes = data.Codes.Span;
        var stride = data.CodeStride;
        var query = scratch.CodeQuery.AsSpan();
        var y = scratch.Projected.AsSpan(0, data.ProjectionRows);
        var toDot = ShortlistCodes.PrepareQuery(y, data.CodeScales.Span, query);
        var euclidean = data.Metric == DistanceMetric.Euclidean;
        var squaredNorms = data.CodeSquaredNorms.Span;

        // x·q ≈ y·ŷ + w |r_x| |r_q|: the residuals' product, weighted, stands in for their unseen dot product.
        var residuals = data.CodeResiduals.Span;
        var withResiduals = !residuals.IsEmpty && data.ResidualWeight != 0f;
        var queryResidual = withResiduals ? data.ResidualWeight * QueryResidual(scratch.Query, y) : 0f;
        scratch.EnsureShortlistScores(gathered);
        var scores = scratch.ShortlistScores.AsSpan(0, gathered);
        var candidates = scratch.Candidates.AsSpan(0, gathered);
        fixed (sbyte* basePointer = &MemoryMarshal.GetReference(codes))
        fixed (float* residualsBase = residuals)
        {
            for (var i = 0; i < candidates.Length; i++)
            {
                // Candidates are scattered over memory: fetch a few rows ahead so their cache misses overlap.
                if (i + PrefetchDistance < candidates.Length)
                {
                    var ahead = candidates[i + PrefetchDistance];
                    CacheLines.Prefetch(basePointer + ((long)ahead * stride), stride);
                    if (withResiduals)
                    {
                        CacheLines.Prefetch(residualsBase + ahead, sizeof(float));
                    }
                }

                var row = candidates[i];
                var dot = toDot * ShortlistCodes.Dot(query, codes.Slice(row * stride, stride));
                var residual = 0f;
                if (withResiduals)
                {
                    residual = residuals[row];
                    dot += queryResidual * residual;
                }

                // Nearest in Euclidean distance = largest 2 x·q − |x|² (|q|² is the same for every row), |x|² = |ŷ|² + |r_x|².
                scores[i] = euclidean ? (2f * dot) - squaredNorms[row] - (residual * residual) : dot;
            }
        }

        BestFirstSelection.SelectBest(scores, candidates, size);
        return size;
    }
}
