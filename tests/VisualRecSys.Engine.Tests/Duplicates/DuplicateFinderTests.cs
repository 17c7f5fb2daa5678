using VisualRecSys.Engine.Duplicates;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Exact;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Engine.Tests.Duplicates;

/// <summary>Clusters of near-identical items: planted copies are found, nothing else reaches the threshold, a chain is one cluster.</summary>
public sealed class DuplicateFinderTests
{
    private const int Dimension = 16;
    private const float Threshold = 0.99f;

    [Fact]
    public void Planted_copies_are_the_only_clusters_found()
    {
        // 200 random items (ids 1..200) and copies of 10, 20 (twice) and 30 with a little noise: ids 1001, 1002, 1003, 1004.
        var (index, ids) = CatalogWithCopies(new Dictionary<int, int> { [1001] = 10, [1002] = 20, [1003] = 20, [1004] = 30 });

        var clusters = DuplicateFinder.Find(index, ids, new DuplicateSearch { Threshold = Threshold }, null, CancellationToken.None);

        // Largest first, then the most alike first.
        Assert.Equal([20, 1002, 1003], clusters[0].Members.Select(m => m.Id).ToArray());
        Assert.Equal(
            ["10,1001", "30,1004"],
            clusters.Skip(1).Select(c => string.Join(',', c.Members.Select(m => m.Id))).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(3, clusters.Count);
        Assert.True(clusters[1].MaxCosine >= clusters[2].MaxCosine);
        Assert.All(clusters, c => Assert.InRange(c.MinCosine, Threshold, 1f));
        Assert.All(clusters, c => Assert.True(c.MaxCosine >= c.MinCosine));
        var copy = clusters.SelectMany(c => c.Members).Single(m => m.Id == 1001);
        Assert.Equal(10, copy.ClosestId);
    }

    [Fact]
    public void Without_copies_no_random_items_reach_the_threshold()
    {
        var (index, ids) = CatalogWithCopies([]);

        var clusters = DuplicateFinder.Find(index, ids, new DuplicateSearch { Threshold = Threshold }, null, CancellationToken.None);

        Assert.Empty(clusters);
    }

    [Fact]
    public void A_chain_whose_ends_are_further_apart_is_one_cluster_with_its_weakest_link_shown()
    {
        // Angles 0°, 8°, 16°: neighbours have cosine 0.990, the ends 0.961, below the threshold of 0.98.
        var index = Index(
            [1, 2, 3, 4],
            [Unit(0), Unit(8), Unit(16), Unit(90)]);

        var clusters = DuplicateFinder.Find(index, [1, 2, 3, 4], new DuplicateSearch { Threshold = 0.98f }, null, CancellationToken.None);

        var cluster = Assert.Single(clusters);
        Assert.Equal([1, 2, 3], cluster.Members.Select(m => m.Id).ToArray());
        Assert.Equal(2, cluster.Members[0].ClosestId);
        Assert.Equal(2, cluster.Members[2].ClosestId);
        Assert.InRange(cluster.MinCosine, 0.989f, 0.991f);
    }

    [Fact]
    public void Progress_counts_every_item_and_ids_the_index_lacks_are_skipped()
    {
        var (index, ids) = CatalogWithCopies(new Dictionary<int, int> { [1001] = 10 });
        var reported = new List<int>();
        var progress = new SynchronousProgress(reported);

        var clusters = DuplicateFinder.Find(index, [.. ids, 5000], new DuplicateSearch { Threshold = Threshold }, progress, CancellationToken.None);

        Assert.Single(clusters);
        Assert.Equal(ids.Length + 1, reported.Max());
    }

    [Fact]
    public void A_cancelled_search_stops()
    {
        var (index, ids) = CatalogWithCopies([]);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => DuplicateFinder.Find(index, ids, new DuplicateSearch(), null, cancelled.Token));
    }

    [Theory]
    [InlineData(0f, 8)]
    [InlineData(1.01f, 8)]
    [InlineData(float.NaN, 8)]
    [InlineData(0.9f, 0)]
    [InlineData(0.9f, 101)]
    public void Out_of_range_values_are_refused_naming_them(float threshold, int neighbours)
    {
        var (index, ids) = CatalogWithCopies([]);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            DuplicateFinder.Find(index, ids, new DuplicateSearch { Threshold = threshold, Neighbours = neighbours }, null, CancellationToken.None));

        Assert.Contains(threshold is > 0 and <= 1 ? "Neighbours" : "threshold", e.Message, StringComparison.Ordinal);
    }

    private static (ExactIndex Index, int[] Ids) CatalogWithCopies(Dictionary<int, int> copyOf)
    {
        var random = new Random(17);
        var vectors = new Dictionary<int, float[]>();
        for (var id = 1; id <= 200; id++)
        {
            vectors[id] = [.. Enumerable.Range(0, Dimension).Select(_ => (float)random.NextGaussian())];
        }

        foreach (var (copy, original) in copyOf)
        {
            // Noise of 2 % of a coordinate's spread: cosine about 0.9998 with the original.
            vectors[copy] = [.. vectors[original].Select(x => x + (0.02f * (float)random.NextGaussian()))];
        }

        var ids = vectors.Keys.Order().ToArray();
        return (Index(ids, [.. ids.Select(id => vectors[id])]), ids);
    }

    private static ExactIndex Index(int[] ids, float[][] vectors) =>
        new(new EmbeddingMatrix("test-model", vectors[0].Length, ids, [.. vectors.SelectMany(v => v)]), DistanceMetric.Angular);

    private static float[] Unit(double degrees) => [(float)Math.Cos(degrees * Math.PI / 180), (float)Math.Sin(degrees * Math.PI / 180)];

    private sealed class SynchronousProgress(List<int> reported) : IProgress<int>
    {
        public void Report(int value)
        {
            lock (reported)
            {
                reported.Add(value);
            }
        }
    }
}

internal static class GaussianRandom
{
    public static double NextGaussian(this Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
