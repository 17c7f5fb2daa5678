using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Annoy;

namespace VisualRecSys.Engine.Tests.Index.Annoy;

/// <summary>Files made by real Annoy: what the reader finds in them, and that searching those trees gives Annoy's answers.</summary>
public sealed class AnnoyFixtureTests
{
    public static TheoryData<string> Fixtures => [.. AnnoyFixture.Names];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Reads_the_items_vectors_and_trees_Annoy_wrote(string name)
    {
        var fixture = AnnoyFixture.Load(name);

        var index = AnnoyFile.Read(fixture.AnnPath, fixture.Metric, fixture.Dimension);

        Assert.Equal((fixture.Metric, fixture.Dimension), (index.Metric, index.Dimension));
        Assert.Equal(fixture.AnnoyItems, index.Count);
        Assert.Equal(fixture.RawVectors(), index.Vectors);
        Assert.Empty(index.MissingItems);
        // One root per tree built; Annoy's own get_n_trees() agrees except when the roots are leaves (see AnnoyFile.Read).
        Assert.Equal(fixture.TreesBuilt, index.Roots.Count);
        if (fixture.AnnoyItems > AnnoyFile.LeafCapacity(fixture.Dimension))
        {
            Assert.Equal(fixture.AnnoyTrees, index.Roots.Count);
        }

        foreach (var root in index.Roots)
        {
            Assert.Equal(Enumerable.Range(0, index.Count), SplitTreeAssert.Items(root).Order());
        }
    }

    [Theory]
    [InlineData("angular-f16")]
    [InlineData("euclidean-f10")]
    [InlineData("angular-f6-dups")]
    [InlineData("euclidean-f3-dups")]
    public void Leaves_hold_at_most_K_items_and_normals_are_unit_length(string name)
    {
        var fixture = AnnoyFixture.Load(name);
        var index = AnnoyFile.Read(fixture.AnnPath, fixture.Metric, fixture.Dimension);
        var nodes = index.Roots.SelectMany(SplitTreeAssert.Nodes).ToList();

        Assert.All(nodes.OfType<SplitLeaf>(), leaf => Assert.InRange(leaf.Items.Length, 1, AnnoyFile.LeafCapacity(fixture.Dimension)));
        Assert.All(nodes.OfType<SplitInner>().Where(inner => inner.Normal.Any(v => v != 0)), inner =>
        {
            Assert.Equal(1.0, Math.Sqrt(inner.Normal.Sum(v => (double)v * v)), 4);
            if (fixture.Metric == DistanceMetric.Angular)
            {
                Assert.Equal(0f, inner.Offset);
            }
        });
    }

    [Fact]
    public void The_fixtures_hold_both_kinds_of_leaf_and_Annoys_zero_normal_splits()
    {
        // Guards the search test below: it covers a child that is an item (n_descendants 1, index below the item
        // count), id-list leaves both shorter than f and longer (up to K = f + 2), and the zero-normal split Annoy
        // makes when no hyperplane separates its items (here: exact duplicates), whose children tie in the queue.
        var leafSizes = new List<(int Size, int Dimension)>();
        var zeroSplits = 0;
        foreach (var name in AnnoyFixture.Names)
        {
            var fixture = AnnoyFixture.Load(name);
            var nodes = AnnoyFile.Read(fixture.AnnPath, fixture.Metric, fixture.Dimension).Roots.SelectMany(SplitTreeAssert.Nodes).ToList();
            leafSizes.AddRange(nodes.OfType<SplitLeaf>().Select(leaf => (leaf.Items.Length, fixture.Dimension)));
            zeroSplits += nodes.OfType<SplitInner>().Count(inner => inner.Normal.All(v => v == 0));
        }

        Assert.Contains(leafSizes, leaf => leaf.Size == 1);
        Assert.Contains(leafSizes, leaf => leaf.Size > 1 && leaf.Size < leaf.Dimension);
        Assert.Contains(leafSizes, leaf => leaf.Size > leaf.Dimension);
        Assert.True(zeroSplits > 0, "No fixture has a zero-normal split.");
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Searching_the_read_trees_gives_Annoys_own_neighbours(string name)
    {
        var fixture = AnnoyFixture.Load(name);
        var index = AnnoyFile.Read(fixture.AnnPath, fixture.Metric, fixture.Dimension, keepNodeIndices: true);

        foreach (var query in fixture.Queries)
        {
            var ours = AnnoyReferenceSearch.ByItem(index, query.Item, 10, query.SearchK);
            NeighbourAssert.SameAsAnnoy(query, ours);
        }
    }

    [Fact]
    public void The_fixtures_answers_depend_on_search_k()
    {
        // Guards the search test: with a small search_k Annoy stops early, so matching it needs its traversal order.
        var fixture = AnnoyFixture.Load("angular-f16");
        var byItem = fixture.Queries.GroupBy(q => q.Item).Select(g => g.ToDictionary(q => q.SearchK, q => q.Neighbours));

        var differing = byItem.Count(answers => !answers[30].SequenceEqual(answers[120]));

        Assert.True(differing >= 5, $"Only {differing} queries change with search_k; the fixture does not exercise the traversal order.");
    }
}
