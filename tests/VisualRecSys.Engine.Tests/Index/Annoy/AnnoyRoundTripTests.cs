using System.Buffers.Binary;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Annoy;

namespace VisualRecSys.Engine.Tests.Index.Annoy;

/// <summary>AnnoyFile.Write then AnnoyFile.Read: vectors and trees come back node for node.</summary>
public sealed class AnnoyRoundTripTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData(DistanceMetric.Angular, 8)]
    [InlineData(DistanceMetric.Euclidean, 5)]
    public void Trees_Annoy_can_express_come_back_node_for_node(DistanceMetric metric, int dimension)
    {
        var forest = new RandomForest(count: 200, dimension, seed: 1);
        // Leaves of at most K and splits above K items: exactly what an Annoy file stores.
        var trees = forest.Trees(metric, leafSize: AnnoyFile.LeafCapacity(dimension), trees: 4);
        var path = _files.Path("forest.ann");

        AnnoyFile.Write(path, metric, dimension, forest.Count, forest.Vector, trees);
        var read = AnnoyFile.Read(path, metric, dimension);

        Assert.Equal((metric, dimension, forest.Count), (read.Metric, read.Dimension, read.Count));
        Assert.Equal(forest.Vectors, read.Vectors);
        Assert.Equal(trees.Length, read.Roots.Count);
        for (var tree = 0; tree < trees.Length; tree++)
        {
            SplitTreeAssert.Equal(trees[tree], read.Roots[tree]);
        }

        // Items, every tree's nodes, and a copy of each root.
        var nodes = forest.Count + trees.Sum(t => SplitTreeAssert.Nodes(t).Count(n => n is SplitInner || ((SplitLeaf)n).Items.Length > 1)) + trees.Length;
        Assert.Equal((long)nodes * AnnoyFile.NodeSize(metric, dimension), new FileInfo(path).Length);
    }

    [Theory]
    [InlineData(DistanceMetric.Angular)]
    [InlineData(DistanceMetric.Euclidean)]
    public void Oversized_leaves_are_written_as_zero_splits_that_reach_every_item_and_collapse_back(DistanceMetric metric)
    {
        const int Dimension = 4;
        var capacity = AnnoyFile.LeafCapacity(Dimension);
        var forest = new RandomForest(count: 150, Dimension, seed: 2);
        var trees = forest.Trees(metric, leafSize: (3 * capacity) + 1, trees: 3);
        Assert.Contains(trees.SelectMany(SplitTreeAssert.Nodes).OfType<SplitLeaf>(), leaf => leaf.Items.Length > 2 * capacity);
        var path = _files.Path("oversized.ann");

        AnnoyFile.Write(path, metric, Dimension, forest.Count, forest.Vector, trees);
        var read = AnnoyFile.Read(path, metric, Dimension);

        var stored = read.Roots.SelectMany(SplitTreeAssert.Nodes).ToList();
        Assert.All(stored.OfType<SplitLeaf>(), leaf => Assert.InRange(leaf.Items.Length, 1, capacity));
        Assert.Contains(stored.OfType<SplitInner>(), inner => inner.Normal.All(v => v == 0) && inner.Offset == 0);
        for (var tree = 0; tree < trees.Length; tree++)
        {
            SplitTreeAssert.Equal(trees[tree], SplitTrees.CollapseZeroSplits(read.Roots[tree]));
        }

        // With no search_k limit Annoy's traversal reaches every item.
        var all = AnnoyReferenceSearch.ByItem(read, 0, forest.Count, searchK: int.MaxValue);
        Assert.Equal(Enumerable.Range(0, forest.Count), all.Select(hit => hit.Item).Order());
    }

    [Theory]
    [InlineData(DistanceMetric.Angular, 12)]
    [InlineData(DistanceMetric.Euclidean, 18)]
    [InlineData(DistanceMetric.Angular, 1)]
    [InlineData(DistanceMetric.Euclidean, 1)]
    public void Roots_that_are_leaves_come_back_one_per_tree(DistanceMetric metric, int count)
    {
        const int Dimension = 16;
        var forest = new RandomForest(count, Dimension, seed: 3);
        var random = new Random(4);
        SplitNode[] trees = [.. Enumerable.Range(0, 3).Select(_ => new SplitLeaf([.. Enumerable.Range(0, count).OrderBy(_ => random.Next())]))];
        var path = _files.Path("rootleaf.ann");

        AnnoyFile.Write(path, metric, Dimension, count, forest.Vector, trees);
        var read = AnnoyFile.Read(path, metric, Dimension);

        Assert.Equal(forest.Vectors, read.Vectors);
        Assert.Equal(3, read.Roots.Count);
        for (var tree = 0; tree < 3; tree++)
        {
            SplitTreeAssert.Equal(trees[tree], read.Roots[tree]);
        }
    }

    [Fact]
    public void Splits_over_at_most_K_items_are_written_as_one_leaf()
    {
        const int Dimension = 6;
        var capacity = AnnoyFile.LeafCapacity(Dimension);
        var forest = new RandomForest(count: 100, Dimension, seed: 5);
        var tree = forest.Tree(DistanceMetric.Euclidean, leafSize: 2);
        var path = _files.Path("small-splits.ann");

        AnnoyFile.Write(path, DistanceMetric.Euclidean, Dimension, forest.Count, forest.Vector, [tree]);
        var read = AnnoyFile.Read(path, DistanceMetric.Euclidean, Dimension);

        SplitTreeAssert.Equal(FlattenSmallSplits(tree, capacity), read.Roots[0]);
    }

    [Fact]
    public void A_split_with_an_empty_side_is_replaced_by_its_other_side()
    {
        const int Dimension = 2;
        var forest = new RandomForest(count: 8, Dimension, seed: 6);
        var left = new SplitLeaf([0, 1, 2, 3]);
        var right = new SplitLeaf([4, 5, 6, 7]);
        var inner = new SplitInner([0.6f, 0.8f], 0.5f, left, right);
        var tree = new SplitInner([1f, 0f], -1f, new SplitLeaf([]), inner);
        var path = _files.Path("empty-side.ann");

        AnnoyFile.Write(path, DistanceMetric.Euclidean, Dimension, forest.Count, forest.Vector, [tree]);

        SplitTreeAssert.Equal(inner, AnnoyFile.Read(path, DistanceMetric.Euclidean, Dimension).Roots[0]);
    }

    [Fact]
    public void Nodes_are_laid_out_as_Annoy_lays_them_out()
    {
        // Angular, f = 2, K = 4: items 0-5, a leaf [0,1,2], a leaf [3,4,5], the root split, its copy.
        float[] vectors = [3, 4, 1, 0, 0, 1, -1, 0, 0, -1, 2, 2];
        var tree = new SplitInner([0.6f, -0.8f], 0f, new SplitLeaf([0, 1, 2]), new SplitLeaf([3, 4, 5]));
        var path = _files.Path("layout.ann");

        AnnoyFile.Write(path, DistanceMetric.Angular, 2, 6, item => vectors.AsSpan(item * 2, 2), [tree]);

        var bytes = File.ReadAllBytes(path);
        const int Node = 12 + (4 * 2);
        Assert.Equal(10 * Node, bytes.Length);
        int Int(int node, int offset) => BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan((node * Node) + offset));
        float Float(int node, int offset) => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan((node * Node) + offset));
        // Item 0: n_descendants 1, its squared norm where children[0] would be, then its vector.
        Assert.Equal((1, 25f, 0, 3f, 4f), (Int(0, 0), Float(0, 4), Int(0, 8), Float(0, 12), Float(0, 16)));
        // Leaves: n_descendants, then the ids from the children's place on.
        Assert.Equal((3, 0, 1, 2), (Int(6, 0), Int(6, 4), Int(6, 8), Int(6, 12)));
        Assert.Equal((3, 3, 4, 5), (Int(7, 0), Int(7, 4), Int(7, 8), Int(7, 12)));
        // Root: n_descendants = item count, children[0] = negative side, children[1] = positive side, normal.
        Assert.Equal((6, 6, 7, 0.6f, -0.8f), (Int(8, 0), Int(8, 4), Int(8, 8), Float(8, 12), Float(8, 16)));
        Assert.Equal(bytes.AsSpan(8 * Node, Node).ToArray(), bytes.AsSpan(9 * Node, Node).ToArray());
    }

    [Fact]
    public void Euclidean_splits_store_the_offset_after_n_descendants()
    {
        float[] vectors = [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5];
        var tree = new SplitInner([0.6f, 0.8f], -2.5f, new SplitLeaf([0, 1, 2]), new SplitLeaf([3, 4, 5]));
        var path = _files.Path("offset.ann");

        AnnoyFile.Write(path, DistanceMetric.Euclidean, 2, 6, item => vectors.AsSpan(item * 2, 2), [tree]);

        var root = File.ReadAllBytes(path).AsSpan(8 * (16 + 8), 16 + 8);
        Assert.Equal(
            (6, -2.5f, 6, 7, 0.6f, 0.8f),
            (BinaryPrimitives.ReadInt32LittleEndian(root), BinaryPrimitives.ReadSingleLittleEndian(root[4..]),
             BinaryPrimitives.ReadInt32LittleEndian(root[8..]), BinaryPrimitives.ReadInt32LittleEndian(root[12..]),
             BinaryPrimitives.ReadSingleLittleEndian(root[16..]), BinaryPrimitives.ReadSingleLittleEndian(root[20..])));
    }

    [Fact]
    public void Writing_replaces_the_file_and_leaves_no_temporaries()
    {
        var path = _files.Path("nested/replace.ann");
        var first = new RandomForest(count: 30, dimension: 3, seed: 7);
        var second = new RandomForest(count: 40, dimension: 3, seed: 8);

        AnnoyFile.Write(path, DistanceMetric.Euclidean, 3, first.Count, first.Vector, [first.Tree(DistanceMetric.Euclidean, 5)]);
        AnnoyFile.Write(path, DistanceMetric.Euclidean, 3, second.Count, second.Vector, [second.Tree(DistanceMetric.Euclidean, 5)]);

        Assert.Equal(second.Vectors, AnnoyFile.Read(path, DistanceMetric.Euclidean, 3).Vectors);
        Assert.Equal(["replace.ann"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    private static SplitNode FlattenSmallSplits(SplitNode node, int capacity)
    {
        var items = SplitTreeAssert.Items(node);
        if (node is SplitInner inner && items.Length > capacity)
        {
            return new SplitInner(inner.Normal, inner.Offset, FlattenSmallSplits(inner.Negative, capacity), FlattenSmallSplits(inner.Positive, capacity));
        }

        return new SplitLeaf(items);
    }
}
