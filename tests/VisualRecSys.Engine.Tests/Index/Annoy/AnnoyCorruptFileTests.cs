using System.Buffers.Binary;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Annoy;

namespace VisualRecSys.Engine.Tests.Index.Annoy;

/// <summary>Files that are not valid Annoy indexes of the given metric and dimension are refused with a reason.</summary>
public sealed class AnnoyCorruptFileTests : IDisposable
{
    private const int Dimension = 4;
    private const int Items = 60;
    private readonly TempFiles _files = new();
    private readonly string _path;
    private readonly AnnoyIndexFile _valid;

    public AnnoyCorruptFileTests()
    {
        // A valid Euclidean file (node: n_descendants @0, a @4, children @8 and @12, vector @16) to damage.
        var forest = new RandomForest(Items, Dimension, seed: 9);
        _path = _files.Path("valid.ann");
        AnnoyFile.Write(_path, DistanceMetric.Euclidean, Dimension, Items, forest.Vector, forest.Trees(DistanceMetric.Euclidean, 6, trees: 2));
        _valid = AnnoyFile.Read(_path, DistanceMetric.Euclidean, Dimension, keepNodeIndices: true);
    }

    public void Dispose() => _files.Dispose();

    private static int NodeSize => AnnoyFile.NodeSize(DistanceMetric.Euclidean, Dimension);

    private int IndexOf(SplitNode node) => _valid.NodeIndices![node];

    /// <summary>A split of tree 0 below the root whose children are both nodes (not items).</summary>
    private SplitInner InnerSplit =>
        SplitTreeAssert.Nodes(_valid.Roots[0]).OfType<SplitInner>().First(inner =>
            !ReferenceEquals(inner, _valid.Roots[0]) && IndexOf(inner.Negative) >= Items && IndexOf(inner.Positive) >= Items);

    private void Patch(int node, int offset, int value)
    {
        var bytes = File.ReadAllBytes(_path);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan((node * NodeSize) + offset), value);
        File.WriteAllBytes(_path, bytes);
    }

    private string Refused(string? path = null, DistanceMetric metric = DistanceMetric.Euclidean, int dimension = Dimension) =>
        Assert.Throws<InvalidDataException>(() => AnnoyFile.Read(path ?? _path, metric, dimension)).Message;

    [Fact]
    public void An_empty_file()
    {
        File.WriteAllBytes(_path, []);

        Assert.Contains("it is empty", Refused(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_file_suggests_the_dimension_is_wrong()
    {
        var bytes = File.ReadAllBytes(_path);
        File.WriteAllBytes(_path, bytes[..^10]);

        var message = Refused();

        Assert.Contains($"not a whole number of {NodeSize}-byte nodes (Euclidean, dimension 4)", message, StringComparison.Ordinal);
        Assert.Contains("dimension (or metric) is probably not the one", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_dimension_whose_node_size_still_divides_the_file()
    {
        // angular-f16: 538 nodes of 76 bytes = 269 nodes of 152 bytes (f = 35); the last of those says 300 items.
        var message = Refused(AnnoyFixture.Load("angular-f16").AnnPath, DistanceMetric.Angular, 35);

        Assert.Contains("claims 300 items but the file holds only 269 nodes", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_metric_with_the_same_node_size()
    {
        // Euclidean f = 10 and angular f = 11 both have 56-byte nodes; read as angular the offset is taken for a child.
        var message = Refused(AnnoyFixture.Load("euclidean-f10").AnnPath, DistanceMetric.Angular, 11);

        Assert.Contains("outside the file's 664 nodes", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1_000_000)]
    [InlineData(-5)]
    public void A_child_index_outside_the_file(int child)
    {
        var split = IndexOf(InnerSplit);
        Patch(split, 8, child);

        Assert.Contains($"node {split} points to child {child}, outside the file's", Refused(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_leaf_listing_an_id_past_the_items()
    {
        var leaf = IndexOf(SplitTreeAssert.Nodes(_valid.Roots[1]).OfType<SplitLeaf>().First(l => l.Items.Length > 1));
        Patch(leaf, 8, Items);

        Assert.Contains($"leaf node {leaf} lists item {Items}, outside 0..{Items - 1}", Refused(), StringComparison.Ordinal);
    }

    [Fact]
    public void N_descendants_that_disagree_with_the_children()
    {
        var split = IndexOf(InnerSplit);
        var descendants = SplitTreeAssert.Items(InnerSplit).Length;
        Patch(split, 0, descendants + 1);

        Assert.Contains($"node {split} (tree 0) has n_descendants {descendants + 1} but its children hold {descendants} items", Refused(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_child_pointing_back_up_the_tree()
    {
        var inner = InnerSplit;
        Patch(IndexOf(inner), 12, IndexOf(_valid.Roots[0]));

        Assert.Contains("is reached twice (tree 0): the trees loop or share nodes", Refused(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_item_node_that_is_not_an_item()
    {
        Patch(3, 0, 7);

        Assert.Contains("item node 3 has n_descendants 7", Refused(), StringComparison.Ordinal);
    }

    [Fact]
    public void No_roots_at_the_end()
    {
        var nodes = (int)(new FileInfo(_path).Length / NodeSize);
        Patch(nodes - 1, 0, 0);

        Assert.Contains("No roots found", Refused(), StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage()
    {
        var bytes = new byte[50 * NodeSize];
        new Random(10).NextBytes(bytes);
        File.WriteAllBytes(_path, bytes);

        Assert.Contains("is not a valid Annoy index", Refused(), StringComparison.Ordinal);
    }

    [Fact]
    public void Random_damage_is_read_or_refused_but_never_crashes()
    {
        var valid = File.ReadAllBytes(_path);
        var random = new Random(11);
        var refused = 0;
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var bytes = (byte[])valid.Clone();
            for (var change = random.Next(1, 4); change > 0; change--)
            {
                // Small values hit the interesting cases (counts near K, ids near the item count); large ones the rest.
                var value = random.Next(3) == 0 ? random.Next() : random.Next(-2, 2 * Items);
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(random.Next(bytes.Length / 4) * 4), value);
            }

            File.WriteAllBytes(_path, bytes);
            try
            {
                AnnoyFile.Read(_path, DistanceMetric.Euclidean, Dimension);
            }
            catch (InvalidDataException)
            {
                refused++;
            }
        }

        Assert.InRange(refused, 50, 300);
    }

    [Fact]
    public void A_tree_deeper_than_the_limit()
    {
        // f = 1 (K = 3): a chain where each split peels one item off, ending in a leaf of three.
        var items = AnnoyFile.MaxTreeDepth + 8;
        var file = new RawEuclideanFile(dimension: 1);
        for (var item = 0; item < items; item++)
        {
            file.Item([item]);
        }

        var below = file.Leaf(items - 3, items - 2, items - 1);
        for (var item = items - 4; item >= 0; item--)
        {
            below = file.Split(items - item, item, below);
        }

        file.Copy(below);
        var path = _files.Path("deep.ann");
        file.Save(path);

        Assert.Contains($"deeper than {AnnoyFile.MaxTreeDepth} levels", Refused(path, DistanceMetric.Euclidean, 1), StringComparison.Ordinal);
    }

    [Fact]
    public void Ids_never_added_to_Annoy_are_reported_and_never_returned()
    {
        // Annoy leaves a zeroed node (n_descendants 0) for an id below the largest one added, and no tree holds it.
        var file = new RawEuclideanFile(dimension: 1);
        file.Item([0f]);
        file.Item([1f]);
        file.Item([0f], descendants: 0);
        file.Item([3f]);
        file.Item([4f]);
        var root = file.Split(5, file.Leaf(0, 1), file.Leaf(3, 4));
        file.Copy(root);
        var path = _files.Path("gap.ann");
        file.Save(path);

        var index = AnnoyFile.Read(path, DistanceMetric.Euclidean, 1);
        var hits = AnnoyReferenceSearch.ByVector(index, [2f], 5, searchK: 100);

        Assert.Equal(5, index.Count);
        Assert.Equal([2], index.MissingItems);
        Assert.Equal([1, 3, 0, 4], hits.Select(hit => hit.Item));
    }
}
