using System.Numerics.Tensors;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Engine.Index.Forest;

/// <summary>Builds a forest in memory: prepares the vectors and the split space, then builds the trees in parallel.</summary>
internal static class ForestBuilder
{
    public static ForestData Build(EmbeddingMatrix matrix, DistanceMetric metric, ForestOptions options,
        IProgress<int>? treesBuilt, CancellationToken ct)
    {
        var count = matrix.Count;
        var dimension = matrix.Dimension;
        var source = matrix.Vectors;
        var angular = metric == DistanceMetric.Angular;
        var squaredNorms = new float[count];
        var maxNorm = 0f;
        for (var row = 0; row < count; row++)
        {
            var norm = TensorPrimitives.Norm(source.Span.Slice(row * dimension, dimension));

            // Angular forests keep unit vectors (copied so, in leaf order, once the trees are built).
            if (angular && norm > 0f)
            {
                norm = 1f;
            }

            squaredNorms[row] = norm * norm;
            maxNorm = Math.Max(maxNorm, norm);
        }

        var components = options.SplitDimension == 0 ? dimension : Math.Min(options.SplitDimension, dimension);

        // Principal components: the first `components` are the split space, any further ones only sharpen the shortlist.
        // Dot product search becomes an angle search with one more coordinate, sqrt(M² − |x|²) (queries get 0), which
        // must follow the split coordinates, so dot forests shortlist in the split space itself.
        var rows = metric == DistanceMetric.Dot ? components : Math.Clamp(options.ShortlistDimension, components, dimension);
        var projection = SplitSpace.Fit(source.Span, count, dimension, rows, options.Seed, unitRows: angular);
        var split = metric == DistanceMetric.Dot ? components + 1 : components;
        var stride = metric == DistanceMetric.Dot ? split : rows;
        var projected = new float[(long)count * stride];
        SplitSpace.ProjectAll(source, count, dimension, projection, rows, projected, stride, angular, options.MaxDegreeOfParallelism);
        if (metric == DistanceMetric.Dot)
        {
            for (var row = 0; row < count; row++)
            {
                projected[(row * stride) + components] = MathF.Sqrt(Math.Max(0f, (maxNorm * maxNorm) - squaredNorms[row]));
            }
        }

        var trees = new BuiltTree[options.Trees];
        var done = 0;
        Parallel.For(0, options.Trees, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = ct }, t =>
        {
            // Each tree has its own seed, so the forest does not depend on which thread built what.
            var builder = new TreeBuilder(projected, count, stride, split, metric != DistanceMetric.Euclidean, options.LeafSize,
                TreeSeed(options.Seed, t));
            trees[t] = builder.Build(ct);
            treesBuilt?.Report(Interlocked.Increment(ref done));
        });

        var order = Reorder(trees, count, stride, ref squaredNorms, projected);

        // The float coordinates were for splitting; queries shortlist on their byte codes (the float copy is dropped).
        var shortlistComponents = metric == DistanceMetric.Dot ? components : rows;
        var codes = options.ShortlistFactor > 0
            ? ShortlistCodes.Encode(projected, count, stride, shortlistComponents, withSquaredNorms: metric == DistanceMetric.Euclidean)
            : ([], [], []);
        var residuals = options.ShortlistFactor > 0 && ShortlistCodes.UsesResiduals(metric)
            ? ShortlistCodes.ResidualLengths(projected, count, stride, shortlistComponents, squaredNorms)
            : [];

        // Only now is the forest's own copy of the vectors made, with the float coordinates gone: at 2M × 512 the two are
        // 4.1 GB and 0.8 GB, and holding both next to the caller's vectors made the build the process's peak (2.5× raw).
        // An aggressive collection hands the freed 0.8 GB back to the system before the 4.1 GB are asked for (a plain
        // one keeps it committed: the peak stayed at 2.48× raw).
        projected = null;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var vectors = CopyInRowOrder(source, dimension, order, angular);
        var ids = Permute(matrix.Ids.ToArray(), order, 1);
        return Merge(trees, matrix, metric, options, vectors, squaredNorms, ids, maxNorm, projection, codes, residuals, split, stride);
    }

    /// <summary>
    /// A tree's seed from the forest's: fixed arithmetic, so the same seed builds the same forest in every process
    /// (HashCode.Combine, used before, is randomized per process).
    /// </summary>
    internal static int TreeSeed(int seed, int tree) => unchecked((seed * 1_000_003) + (tree * 7_919) + tree);

    /// <summary>
    /// Lays rows out in the first tree's leaf order, so the rows of a leaf, and near neighbours generally, sit
    /// together in memory: a query's candidates then share cache lines and pages instead of being scattered.
    /// Permutes the split-space coordinates in place and renumbers every tree's leaves; returns new row → old row.
    /// </summary>
    private static int[] Reorder(BuiltTree[] trees, int count, int stride, ref float[] squaredNorms, float[] projected)
    {
        var order = trees[0].LeafItems.ToArray(); // new row -> old row
        var newRowOf = new int[count];
        for (var row = 0; row < count; row++)
        {
            newRowOf[order[row]] = row;
        }

        PermuteInPlace(projected, order, stride);
        squaredNorms = Permute(squaredNorms, order, 1);
        foreach (var tree in trees)
        {
            var items = tree.LeafItems;
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = newRowOf[items[i]];
            }
        }

        return order;
    }

    /// <summary>The forest's vectors: row r is the caller's row order[r], scaled to unit length for angular forests.</summary>
    private static float[] CopyInRowOrder(ReadOnlyMemory<float> source, int dimension, int[] order, bool unitRows)
    {
        var vectors = new float[(long)order.Length * dimension];
        var from = source.Span;
        for (var row = 0; row < order.Length; row++)
        {
            var target = vectors.AsSpan(row * dimension, dimension);
            from.Slice(order[row] * dimension, dimension).CopyTo(target);
            var norm = unitRows ? TensorPrimitives.Norm(target) : 0f;
            if (norm > 0f)
            {
                TensorPrimitives.Divide(target, norm, target);
            }
        }

        return vectors;
    }

    /// <summary>Row <c>r</c> becomes old row <c>order[r]</c>, following each cycle of the permutation with one spare row.</summary>
    private static void PermuteInPlace(float[] rows, int[] order, int width)
    {
        var done = new System.Collections.BitArray(order.Length);
        var spare = new float[width];
        for (var start = 0; start < order.Length; start++)
        {
            if (done[start] || order[start] == start)
            {
                continue;
            }

            rows.AsSpan(start * width, width).CopyTo(spare);
            var current = start;
            while (true)
            {
                done[current] = true;
                var next = order[current];
                var target = rows.AsSpan(current * width, width);
                if (next == start)
                {
                    spare.CopyTo(target);
                    break;
                }

                rows.AsSpan(next * width, width).CopyTo(target);
                current = next;
            }
        }
    }

    private static T[] Permute<T>(T[] source, int[] order, int width)
    {
        var target = new T[source.Length];
        for (var row = 0; row < order.Length; row++)
        {
            Array.Copy(source, (long)order[row] * width, target, (long)row * width, width);
        }

        return target;
    }

    private static ForestData Merge(BuiltTree[] trees, EmbeddingMatrix matrix, DistanceMetric metric, ForestOptions options,
        float[] vectors, float[] squaredNorms, int[] ids, float maxNorm, float[] projection,
        (sbyte[] Codes, float[] Scales, float[] SquaredNorms) codes, float[] residuals, int split, int stride)
    {
        var innerTotal = trees.Sum(t => t.Offsets.Count);
        var leafTotal = trees.Sum(t => t.LeafStarts.Count - 1);
        var normals = new float[(long)innerTotal * split];
        var offsets = new float[innerTotal];
        var children = new int[innerTotal * 2];
        var roots = new int[trees.Length];
        var leafStarts = new int[leafTotal + 1];
        var leafItems = new int[(long)trees.Length * matrix.Count];

        int innerBase = 0, leafBase = 0, itemBase = 0;
        for (var t = 0; t < trees.Length; t++)
        {
            var tree = trees[t];
            int Renumber(int reference) => NodeRef.IsLeaf(reference)
                ? NodeRef.Leaf(NodeRef.LeafIndex(reference) + leafBase)
                : reference + innerBase;

            roots[t] = Renumber(tree.Root);
            tree.Normals.CopyTo(normals.AsSpan(innerBase * split));
            tree.Offsets.CopyTo(offsets.AsSpan(innerBase));
            for (var i = 0; i < tree.Children.Count; i++)
            {
                children[(innerBase * 2) + i] = Renumber(tree.Children[i]);
            }

            for (var l = 0; l < tree.LeafStarts.Count - 1; l++)
            {
                leafStarts[leafBase + l] = itemBase + tree.LeafStarts[l];
            }

            tree.LeafItems.CopyTo(leafItems.AsSpan(itemBase));
            innerBase += tree.Offsets.Count;
            leafBase += tree.LeafStarts.Count - 1;
            itemBase += tree.LeafItems.Length;

            // Each tree's lists go as soon as they are copied, so the merge never holds two copies of the forest's
            // nodes (at 2M rows, leaf 32, the normals alone are 230 MB, and the build's peak is the process's).
            tree.Release();
        }

        leafStarts[leafTotal] = itemBase;
        return new ForestData
        {
            Metric = metric,
            Dimension = matrix.Dimension,
            Count = matrix.Count,
            SplitDimension = split,
            ProjectedDimension = stride,
            TreeCount = trees.Length,
            LeafSize = options.LeafSize,
            DefaultSearchK = options.DefaultSearchK,
            ShortlistFactor = options.ShortlistFactor,
            Seed = options.Seed,
            ModelId = matrix.ModelId,
            CreatedAt = DateTimeOffset.UtcNow,
            MaxNorm = metric == DistanceMetric.Dot ? maxNorm : 0f,
            Vectors = vectors,
            SquaredNorms = squaredNorms,
            Ids = ids,
            Projection = projection,
            Codes = codes.Codes,
            CodeScales = codes.Scales,
            CodeSquaredNorms = codes.SquaredNorms,
            CodeResiduals = residuals,
            ResidualWeight = residuals.Length > 0 ? ShortlistCodes.ResidualWeight : 0f,
            Normals = normals,
            Offsets = offsets,
            Children = children,
            Roots = roots,
            LeafStarts = leafStarts,
            LeafItems = leafItems,
        };
    }
}
