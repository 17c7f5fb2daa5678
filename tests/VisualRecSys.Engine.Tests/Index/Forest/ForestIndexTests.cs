using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Exact;
using VisualRecSys.Engine.Index.Forest;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Engine.Tests.Index.Forest;

public class ForestIndexTests
{
    private static readonly ForestOptions s_defaults = new();

    [Theory]
    [InlineData(DistanceMetric.Angular)]
    [InlineData(DistanceMetric.Euclidean)]
    [InlineData(DistanceMetric.Dot)]
    public void Recall_at_10_is_at_least_0_9_at_default_parameters(DistanceMetric metric)
    {
        var (matrix, queries) = ClusteredData.Create(count: 4000, dimension: 96, queries: 100, seed: 7);
        using var forest = ForestIndex.Build(matrix, metric, s_defaults);
        var exact = new ExactIndex(matrix, metric);

        var recall = ClusteredData.Recall(forest, exact, queries, 10);

        Assert.True(recall >= 0.9, $"recall@10 {recall:F3} for {metric}");
    }

    [Fact]
    public void More_candidates_never_lower_recall_and_enough_of_them_is_exact()
    {
        var (matrix, queries) = ClusteredData.Create(count: 3000, dimension: 32, queries: 50, seed: 3);
        using var forest = ForestIndex.Build(matrix, DistanceMetric.Angular, new ForestOptions { Trees = 5, ShortlistFactor = 0 });
        var exact = new ExactIndex(matrix, DistanceMetric.Angular);

        var few = ClusteredData.Recall(forest, exact, queries, 10, (f, q, h) => ((ForestIndex)f).Search(q, 10, 50, h, SearchFilter.None));
        var all = ClusteredData.Recall(forest, exact, queries, 10, (f, q, h) => ((ForestIndex)f).Search(q, 10, 3000, h, SearchFilter.None));

        Assert.True(few < 1.0, $"50 candidates should not already be exact ({few:F3})");
        Assert.Equal(1.0, all, 6);
    }

    [Theory]
    [InlineData(DistanceMetric.Angular)]
    [InlineData(DistanceMetric.Dot)]
    public void The_shortlist_counts_what_its_components_miss(DistanceMetric metric)
    {
        // Every row is a candidate, so only the shortlist (2 × k rows on 4 of 48 components) can lose recall: the
        // residual lengths keep rows with much of their length outside those components from being cut
        // (without them: 0.147 angular, 0.197 dot; with them 0.448 and 0.513).
        var (matrix, queries) = ClusteredData.Create(count: 3000, dimension: 48, queries: 60, seed: 21);
        var options = new ForestOptions { Trees = 2, SplitDimension = 4, ShortlistDimension = 4, ShortlistFactor = 2 };
        using var forest = ForestIndex.Build(matrix, metric, options);
        var exact = new ExactIndex(matrix, metric);

        var recall = ClusteredData.Recall(forest, exact, queries, 10, (f, q, h) => ((ForestIndex)f).Search(q, 10, 3000, h, SearchFilter.None));

        Assert.True(recall >= ShortlistRecallFloor, $"recall@10 {recall:F3} for {metric}");
    }

    private const double ShortlistRecallFloor = 0.35;

    [Fact]
    public void Tree_seeds_depend_on_nothing_but_the_forest_seed_and_the_tree()
    {
        // Fixed values: the same seed must build the same forest in another process (a per-process hash did not).
        Assert.Equal(42_023_886, ForestBuilder.TreeSeed(42, 3));
        Assert.Equal(5_000_015, ForestBuilder.TreeSeed(5, 0));
    }

    [Fact]
    public void Scores_match_the_exact_index_for_the_hits_returned()
    {
        var (matrix, queries) = ClusteredData.Create(count: 2000, dimension: 24, queries: 10, seed: 11);
        using var forest = ForestIndex.Build(matrix, DistanceMetric.Euclidean, s_defaults);
        var exact = new ExactIndex(matrix, DistanceMetric.Euclidean);
        var hits = new SearchHit[10];
        var all = new SearchHit[matrix.Count];

        foreach (var query in queries)
        {
            var n = forest.Search(query, 10, hits, SearchFilter.None);
            exact.Search(query, matrix.Count, all, SearchFilter.None);
            var byId = all.ToDictionary(h => h.Id, h => h.Score);
            for (var i = 0; i < n; i++)
            {
                // The forest computes distances as sqrt(|x|² + |q|² − 2x·q): equal up to float rounding.
                Assert.Equal(byId[hits[i].Id], hits[i].Score, 0.002f);
                Assert.True(i == 0 || hits[i - 1].Score >= hits[i].Score);
            }
        }
    }

    [Fact]
    public void A_filter_is_applied_during_the_search_and_still_fills_k_results()
    {
        var (matrix, queries) = ClusteredData.Create(count: 3000, dimension: 32, queries: 20, seed: 5);
        using var forest = ForestIndex.Build(matrix, DistanceMetric.Angular, new ForestOptions { Trees = 10 });
        // One item in 40 is eligible: most neighbours a query finds are filtered out.
        var filter = new SearchFilter { Accept = id => id % 40 == 0 };
        var hits = new SearchHit[10];

        foreach (var query in queries)
        {
            var n = forest.Search(query, 10, 100, hits, filter);

            Assert.Equal(10, n);
            Assert.All(hits, h => Assert.Equal(0, h.Id % 40));
        }
    }

    [Fact]
    public void Search_by_item_leaves_the_item_out_and_finds_its_neighbours()
    {
        var (matrix, _) = ClusteredData.Create(count: 2000, dimension: 32, queries: 0, seed: 9);
        using var forest = ForestIndex.Build(matrix, DistanceMetric.Angular, s_defaults);
        var exact = new ExactIndex(matrix, DistanceMetric.Angular);
        var hits = new SearchHit[10];
        var truth = new SearchHit[10];
        var query = new float[32];
        var id = matrix.Ids[17];

        var n = forest.SearchByItem(id, 10, 2000, hits);
        Assert.True(exact.TryGetVector(id, query));
        exact.Search(query, 10, truth, new SearchFilter { ExcludeId = id });

        Assert.Equal(10, n);
        Assert.DoesNotContain(hits, h => h.Id == id);
        Assert.Equal(truth.Select(h => h.Id), hits.Select(h => h.Id));
        Assert.Equal(0, forest.SearchByItem(-5, 10, 100, hits));
    }

    [Fact]
    public void An_excluded_item_is_left_out_with_or_without_a_filter_and_comes_back_in_the_next_query()
    {
        // The excluded item's row is marked seen before the search (not compared per candidate): the mark must hold with
        // and without an Accept filter, and must be gone for the next query.
        var (matrix, _) = ClusteredData.Create(count: 2000, dimension: 32, queries: 0, seed: 9);
        using var forest = ForestIndex.Build(matrix, DistanceMetric.Angular, s_defaults);
        var hits = new SearchHit[10];
        var query = new float[32];
        var id = matrix.Ids[17];
        Assert.True(forest.TryGetVector(id, query));
        Func<int, bool> sameParity = other => (other & 1) == (id & 1);

        Assert.Equal(10, forest.Search(query, 10, 2000, hits, new SearchFilter { ExcludeId = id }));
        Assert.DoesNotContain(hits, h => h.Id == id);
        Assert.Equal(10, forest.Search(query, 10, 2000, hits, new SearchFilter { ExcludeId = id, Accept = sameParity }));
        Assert.DoesNotContain(hits, h => h.Id == id);
        Assert.All(hits, h => Assert.True(sameParity(h.Id)));

        forest.Search(query, 10, 2000, hits, SearchFilter.None);
        Assert.Equal(id, hits[0].Id);
    }

    [Fact]
    public void The_same_seed_builds_the_same_index_and_another_seed_a_different_one()
    {
        var (matrix, queries) = ClusteredData.Create(count: 1500, dimension: 16, queries: 20, seed: 1);
        var options = new ForestOptions { Trees = 8, MaxDegreeOfParallelism = 2 };
        using var a = ForestIndex.Build(matrix, DistanceMetric.Angular, options);
        using var b = ForestIndex.Build(matrix, DistanceMetric.Angular, options with { MaxDegreeOfParallelism = 1 });
        using var c = ForestIndex.Build(matrix, DistanceMetric.Angular, options with { Seed = 43 });

        Assert.Equal(a.Data.Children.ToArray(), b.Data.Children.ToArray());
        Assert.Equal(a.Data.LeafItems.ToArray(), b.Data.LeafItems.ToArray());
        Assert.NotEqual(a.Data.LeafItems.ToArray(), c.Data.LeafItems.ToArray());
    }

    [Fact]
    public void Leaves_respect_the_leaf_size_and_every_tree_holds_every_item_once()
    {
        var (matrix, _) = ClusteredData.Create(count: 1000, dimension: 16, queries: 0, seed: 2);
        using var forest = ForestIndex.Build(matrix, DistanceMetric.Euclidean, new ForestOptions { Trees = 4, LeafSize = 16 });
        var data = forest.Data;
        var starts = data.LeafStarts.ToArray();

        for (var leaf = 0; leaf < data.LeafCount; leaf++)
        {
            Assert.InRange(starts[leaf + 1] - starts[leaf], 1, 16);
        }

        var items = data.LeafItems.ToArray();
        for (var t = 0; t < 4; t++)
        {
            Assert.Equal(Enumerable.Range(0, 1000), items.Skip(t * 1000).Take(1000).Order());
        }
    }

    [Fact]
    public void Duplicate_vectors_do_not_break_the_build()
    {
        var vectors = Enumerable.Repeat(new float[] { 1, 2, 3, 4 }, 500).SelectMany(v => v).ToArray();
        var matrix = new EmbeddingMatrix("dupes", 4, Enumerable.Range(0, 500).ToArray(), vectors);
        using var forest = ForestIndex.Build(matrix, DistanceMetric.Angular, new ForestOptions { Trees = 3, LeafSize = 8 });
        var hits = new SearchHit[5];

        Assert.Equal(5, forest.Search([1, 2, 3, 4], 5, hits, SearchFilter.None));
        Assert.All(hits, h => Assert.Equal(1f, h.Score, 4));
    }

    [Fact]
    public void Queries_allocate_nothing_once_warm()
    {
        var (matrix, queries) = ClusteredData.Create(count: 2000, dimension: 32, queries: 20, seed: 4);
        using var forest = ForestIndex.Build(matrix, DistanceMetric.Angular, new ForestOptions { Trees = 10 });
        var hits = new SearchHit[10];
        Assert.Equal(0, SteadyAllocations.Measure(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                forest.Search(queries[i % queries.Length], 10, hits, SearchFilter.None);
                forest.Search(queries[i % queries.Length], 10, hits, new SearchFilter { ExcludeId = 1000 });
            }
        }));
    }

    [Fact]
    public void Bad_arguments_are_refused_with_clear_errors()
    {
        var (matrix, _) = ClusteredData.Create(count: 100, dimension: 8, queries: 0, seed: 6);
        using var forest = ForestIndex.Build(matrix, DistanceMetric.Angular, new ForestOptions { Trees = 2 });
        var hits = new SearchHit[10];

        Assert.Throws<ArgumentException>(() => forest.Search(new float[7], 10, hits, SearchFilter.None));
        Assert.Throws<ArgumentException>(() => forest.Search([1, 2, 3, 4, 5, 6, 7, float.NaN], 10, hits, SearchFilter.None));
        Assert.Throws<ArgumentOutOfRangeException>(() => forest.Search(new float[8], 0, hits, SearchFilter.None));
        Assert.Throws<ArgumentOutOfRangeException>(() => ForestIndex.Build(matrix, DistanceMetric.Angular, new ForestOptions { Trees = 0 }));
    }
}
