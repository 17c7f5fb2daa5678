using System.Numerics.Tensors;
using VisualRecSys.Engine.Index.Forest;

namespace VisualRecSys.Engine.Index.Annoy;

/// <summary>
/// Moves forests to and from Spotify Annoy's file format, for people arriving from its notebooks.
/// Annoy items are positions: on export, items are the forest's ids in ascending order (item i is the i-th
/// smallest id, so ids 0..n−1 keep their numbers); on import, an item's position becomes its id.
/// </summary>
public static class AnnoyExchange
{
    /// <summary>Writes <paramref name="forest"/> as an Annoy index file Annoy's own <c>load</c> accepts.</summary>
    /// <param name="forest">An angular or euclidean forest.</param>
    /// <param name="path">The .ann file to write.</param>
    /// <returns>The id of each Annoy item, in item order.</returns>
    /// <exception cref="NotSupportedException">The forest uses the dot metric (Annoy's dot index is a different format).</exception>
    public static int[] Export(ForestIndex forest, string path)
    {
        ArgumentNullException.ThrowIfNull(forest);
        var data = forest.Data;
        if (data.Metric == DistanceMetric.Dot)
        {
            throw new NotSupportedException("Annoy export supports the angular and euclidean metrics only.");
        }

        var ids = data.Ids.ToArray();
        var itemIds = ids.Order().ToArray();
        var itemOfRow = new int[ids.Length];
        var rowOfItem = new int[ids.Length];
        for (var row = 0; row < ids.Length; row++)
        {
            var item = Array.BinarySearch(itemIds, ids[row]);
            itemOfRow[row] = item;
            rowOfItem[item] = row;
        }

        var roots = data.Roots.ToArray().Select(root => ToSplitNode(data, root, itemOfRow)).ToList();
        var dimension = data.Dimension;
        AnnoyFile.Write(path, data.Metric, dimension, ids.Length,
            item => data.Vectors.Span.Slice(rowOfItem[item] * dimension, dimension), roots);
        return itemIds;
    }

    /// <summary>
    /// Reads an Annoy index file (float32, angular or euclidean) into a forest that keeps Annoy's own trees, splitting
    /// in the full space; items become ids by position, items never added to Annoy are left out.
    /// </summary>
    /// <param name="path">The .ann file.</param>
    /// <param name="metric">The metric the file was built with (Annoy files do not record it).</param>
    /// <param name="dimension">The vectors' dimension (Annoy files do not record it either).</param>
    /// <param name="modelId">The model the vectors come from, recorded in the forest.</param>
    /// <param name="itemIds">The id of each Annoy item (as <see cref="Export"/> returns them); null: ids are item numbers.</param>
    /// <returns>The forest, in memory; save it to serve it.</returns>
    /// <exception cref="InvalidDataException">The file is not a valid Annoy index for this metric and dimension, or the ids do not fit it.</exception>
    public static ForestIndex Import(string path, DistanceMetric metric, int dimension, string modelId, IReadOnlyList<int>? itemIds = null)
    {
        var file = AnnoyFile.Read(path, metric, dimension);
        if (itemIds is not null && (itemIds.Count != file.Count || itemIds.Distinct().Count() != itemIds.Count))
        {
            throw new InvalidDataException($"The id list has {itemIds.Count} ids for {file.Count} Annoy items, or repeats an id.");
        }

        var missing = file.MissingItems.ToHashSet();
        var rowOfItem = new int[file.Count];
        var ids = new List<int>(file.Count);
        for (var item = 0; item < file.Count; item++)
        {
            rowOfItem[item] = missing.Contains(item) ? -1 : ids.Count;
            if (rowOfItem[item] >= 0)
            {
                ids.Add(item);
            }
        }

        var count = ids.Count;
        var vectors = new float[count * dimension];
        var squaredNorms = new float[count];
        for (var row = 0; row < count; row++)
        {
            var v = vectors.AsSpan(row * dimension, dimension);
            file.Vector(ids[row]).CopyTo(v);
            var norm = TensorPrimitives.Norm(v);
            if (metric == DistanceMetric.Angular && norm > 0f)
            {
                TensorPrimitives.Divide(v, norm, v);
                norm = 1f;
            }

            squaredNorms[row] = norm * norm;
        }

        var identity = new float[dimension * dimension];
        for (var i = 0; i < dimension; i++)
        {
            identity[(i * dimension) + i] = 1f;
        }

        var trees = new TreeArrays(dimension);
        var roots = file.Roots.Select(root => trees.Add(root, rowOfItem)).ToArray();
        return ForestIndex.FromData(new ForestData
        {
            Metric = metric,
            Dimension = dimension,
            Count = count,
            SplitDimension = dimension,
            ProjectedDimension = dimension,
            TreeCount = roots.Length,
            LeafSize = Math.Max(1, trees.LargestLeaf),
            DefaultSearchK = 0,
            // The split space is the full space here, so a shortlist would score exactly twice.
            ShortlistFactor = 0,
            Seed = 0,
            ModelId = modelId,
            CreatedAt = DateTimeOffset.UtcNow,
            MaxNorm = 0f,
            Vectors = vectors,
            SquaredNorms = squaredNorms,
            Ids = itemIds is null ? ids.ToArray() : ids.Select(item => itemIds[item]).ToArray(),
            Projection = identity,
            Codes = ReadOnlyMemory<sbyte>.Empty,
            CodeScales = ReadOnlyMemory<float>.Empty,
            CodeSquaredNorms = ReadOnlyMemory<float>.Empty,
            CodeResiduals = ReadOnlyMemory<float>.Empty,
            ResidualWeight = 0f,
            Normals = trees.Normals.ToArray(),
            Offsets = trees.Offsets.ToArray(),
            Children = trees.Children.ToArray(),
            Roots = roots,
            LeafStarts = trees.LeafStarts.ToArray(),
            LeafItems = trees.LeafItems.ToArray(),
        });
    }

    /// <summary>A forest node as Annoy sees it: split normals back in the full space (Pᵀw, unit length as w is).</summary>
    private static SplitNode ToSplitNode(ForestData data, int reference, int[] itemOfRow)
    {
        if (NodeRef.IsLeaf(reference))
        {
            var leaf = NodeRef.LeafIndex(reference);
            var starts = data.LeafStarts.Span;
            var rows = data.LeafItems.Span[starts[leaf]..starts[leaf + 1]];
            var items = new int[rows.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                items[i] = itemOfRow[rows[i]];
            }

            return new SplitLeaf(items);
        }

        var split = data.SplitDimension;
        var dimension = data.Dimension;
        var w = data.Normals.Span.Slice(reference * split, split);
        var projection = data.Projection.Span;
        var normal = new float[dimension];
        for (var c = 0; c < data.SplitComponents; c++)
        {
            if (w[c] != 0f)
            {
                TensorPrimitives.MultiplyAdd(projection.Slice(c * dimension, dimension), w[c], normal, normal);
            }
        }

        var children = data.Children.Span;
        return new SplitInner(normal, data.Offsets.Span[reference],
            ToSplitNode(data, children[2 * reference], itemOfRow),
            ToSplitNode(data, children[(2 * reference) + 1], itemOfRow));
    }

    /// <summary>Annoy trees flattened into the forest's arrays.</summary>
    private sealed class TreeArrays(int dimension)
    {
        public List<float> Normals { get; } = [];
        public List<float> Offsets { get; } = [];
        public List<int> Children { get; } = [];
        public List<int> LeafStarts { get; } = [0];
        public List<int> LeafItems { get; } = [];
        public int LargestLeaf { get; private set; }

        public int Add(SplitNode node, int[] rowOfItem)
        {
            if (node is SplitLeaf leaf)
            {
                var before = LeafItems.Count;
                LeafItems.AddRange(leaf.Items.Select(item => rowOfItem[item]).Where(row => row >= 0));
                LargestLeaf = Math.Max(LargestLeaf, LeafItems.Count - before);
                LeafStarts.Add(LeafItems.Count);
                return NodeRef.Leaf(LeafStarts.Count - 2);
            }

            var inner = (SplitInner)node;
            if (inner.Normal.Length != dimension)
            {
                throw new InvalidDataException($"A split normal has {inner.Normal.Length} values, not {dimension}.");
            }

            var index = Offsets.Count;
            Offsets.Add(inner.Offset);
            Normals.AddRange(inner.Normal);
            Children.Add(0);
            Children.Add(0);
            var negative = Add(inner.Negative, rowOfItem);
            var positive = Add(inner.Positive, rowOfItem);
            Children[2 * index] = negative;
            Children[(2 * index) + 1] = positive;
            return index;
        }
    }
}
