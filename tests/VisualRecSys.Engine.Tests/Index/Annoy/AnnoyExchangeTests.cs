using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Annoy;
using VisualRecSys.Engine.Index.Forest;
using VisualRecSys.Engine.Index.Store;
using VisualRecSys.Engine.Tests.Index.Forest;

namespace VisualRecSys.Engine.Tests.Index.Annoy;

public sealed class AnnoyExchangeTests : IDisposable
{
    private readonly TempFiles _files = new();

    [Theory]
    [InlineData(DistanceMetric.Angular)]
    [InlineData(DistanceMetric.Euclidean)]
    public void Export_then_import_gives_identical_neighbours(DistanceMetric metric)
    {
        var (matrix, queries) = ClusteredData.Create(count: 3000, dimension: 80, queries: 40, seed: 31);
        // Dense ids 0..n−1, as Annoy users have them: item numbers and ids coincide.
        matrix = new EmbeddingMatrix(matrix.ModelId, matrix.Dimension, Enumerable.Range(0, matrix.Count).ToArray(), matrix.Vectors.ToArray());
        using var forest = ForestIndex.Build(matrix, metric, new ForestOptions { Trees = 10, ShortlistFactor = 0 });
        var path = _files.Path("forest.ann");

        var itemIds = AnnoyExchange.Export(forest, path);
        using var imported = AnnoyExchange.Import(path, metric, matrix.Dimension, matrix.ModelId);

        Assert.Equal(Enumerable.Range(0, matrix.Count), itemIds);
        Assert.Equal(forest.Count, imported.Count);
        var a = new SearchHit[10];
        var b = new SearchHit[10];
        foreach (var query in queries)
        {
            forest.Search(query, 10, 400, a, SearchFilter.None);
            imported.Search(query, 10, 400, b, SearchFilter.None);
            Assert.Equal(a.Select(h => h.Id), b.Select(h => h.Id));
        }
    }

    [Fact]
    public void An_exported_forest_keeps_every_item_in_every_tree_with_unit_normals()
    {
        var (matrix, _) = ClusteredData.Create(count: 800, dimension: 70, queries: 0, seed: 32);
        using var forest = ForestIndex.Build(matrix, DistanceMetric.Angular, new ForestOptions { Trees = 4 });
        var path = _files.Path("forest.ann");

        var itemIds = AnnoyExchange.Export(forest, path);
        var file = AnnoyFile.Read(path, DistanceMetric.Angular, 70);

        Assert.Equal(matrix.Ids.ToArray().Order(), itemIds);
        Assert.Equal(4, file.Roots.Count);
        foreach (var root in file.Roots)
        {
            Assert.Equal(Enumerable.Range(0, 800), Items(root).Order());
            Assert.All(Normals(root), n => Assert.InRange(MathF.Sqrt(n.Sum(v => v * v)), 0.999f, 1.001f));
        }
    }

    [Fact]
    public void A_file_made_by_annoy_imports_and_answers_like_annoy()
    {
        var fixture = AnnoyFixture.Load("angular-f16");
        using var imported = AnnoyExchange.Import(fixture.AnnPath, fixture.Metric, fixture.Dimension, "annoy-fixture");
        var hits = new SearchHit[10];
        var found = 0;
        var expected = 0;

        Assert.Equal(fixture.AnnoyItems, imported.Count);
        foreach (var query in fixture.Queries.Where(q => q.SearchK == -1))
        {
            // Annoy's lists include the item itself (distance 0); ours leave it out.
            var annoy = query.Neighbours.Where(n => n != query.Item).Take(9).ToHashSet();
            var n = imported.SearchByItem(query.Item, 9, imported.Count, hits);
            found += hits.Take(n).Count(h => annoy.Contains(h.Id));
            expected += annoy.Count;
        }

        // Annoy's lists are approximate, ours (searchK = all) exact: most of Annoy's neighbours, and every returned
        // distance equal to the one Annoy reported for the same pair.
        Assert.True(found >= 0.9 * expected, $"{found} of {expected} of Annoy's neighbours found");
        var vector = new float[fixture.Dimension];
        foreach (var query in fixture.Queries.Where(q => q.SearchK == -1))
        {
            Assert.True(imported.TryGetVector(query.Item, vector));
            var n = imported.Search(vector, 10, imported.Count, hits, SearchFilter.None);
            var ours = hits.Take(n).ToDictionary(h => h.Id, h => MathF.Sqrt(Math.Max(0f, 2f - (2f * h.Score))));
            for (var i = 0; i < query.Neighbours.Length; i++)
            {
                if (ours.TryGetValue(query.Neighbours[i], out var distance))
                {
                    Assert.Equal(query.Distances[i], distance, 0.001f);
                }
            }
        }
    }

    [Fact]
    public void Dot_product_forests_cannot_be_exported()
    {
        var (matrix, _) = ClusteredData.Create(count: 100, dimension: 8, queries: 0, seed: 33);
        using var forest = ForestIndex.Build(matrix, DistanceMetric.Dot, new ForestOptions { Trees = 2 });

        Assert.Throws<NotSupportedException>(() => AnnoyExchange.Export(forest, _files.Path("dot.ann")));
    }

    private static IEnumerable<int> Items(SplitNode node) => node switch
    {
        SplitLeaf leaf => leaf.Items,
        SplitInner inner => Items(inner.Negative).Concat(Items(inner.Positive)),
        _ => [],
    };

    private static IEnumerable<float[]> Normals(SplitNode node) => node is SplitInner inner
        ? new[] { inner.Normal }.Concat(Normals(inner.Negative)).Concat(Normals(inner.Positive))
        : [];

    public void Dispose() => _files.Dispose();
}
