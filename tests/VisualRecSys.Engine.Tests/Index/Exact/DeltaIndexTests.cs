using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Exact;
using VisualRecSys.Engine.Index.Forest;
using VisualRecSys.Engine.Tests.Index.Forest;

namespace VisualRecSys.Engine.Tests.Index.Exact;

public class DeltaIndexTests
{
    [Fact]
    public void Items_added_after_the_build_are_found_and_merged_with_the_forest_results()
    {
        var (matrix, queries) = ClusteredData.Create(count: 2000, dimension: 16, queries: 5, seed: 21);
        using var forest = ForestIndex.Build(matrix, DistanceMetric.Angular, new ForestOptions { Trees = 10 });
        var live = new DeltaIndex(forest);
        var hits = new SearchHit[10];

        // A new item that is exactly the query must come first; the rest still come from the forest.
        live.Add(42, queries[0]);
        var n = live.Search(queries[0], 10, hits, SearchFilter.None);

        Assert.Equal(10, n);
        Assert.Equal(42, hits[0].Id);
        Assert.Equal(1f, hits[0].Score, 4);
        Assert.Equal(9, hits.Skip(1).Count(h => forest.Contains(h.Id)));
        Assert.Equal(2001, live.Count);
        Assert.True(live.Contains(42));
    }

    [Fact]
    public void An_added_id_the_forest_holds_replaces_the_old_vector()
    {
        var (matrix, queries) = ClusteredData.Create(count: 1000, dimension: 16, queries: 2, seed: 22);
        using var forest = ForestIndex.Build(matrix, DistanceMetric.Euclidean, new ForestOptions { Trees = 5 });
        var live = new DeltaIndex(forest);
        var moved = matrix.Ids[0];
        var hits = new SearchHit[10];

        live.Add(moved, queries[1]);
        live.Search(queries[1], 10, hits, SearchFilter.None);

        Assert.Equal(moved, hits[0].Id);
        Assert.Single(hits, h => h.Id == moved);
        Assert.Equal(1000, live.Count);
    }

    [Fact]
    public void Filters_apply_to_the_delta_too()
    {
        var (matrix, queries) = ClusteredData.Create(count: 500, dimension: 8, queries: 1, seed: 23);
        using var forest = ForestIndex.Build(matrix, DistanceMetric.Angular, new ForestOptions { Trees = 4 });
        var live = new DeltaIndex(forest);
        live.Add(7, queries[0]);
        var hits = new SearchHit[5];

        live.Search(queries[0], 5, hits, new SearchFilter { ExcludeId = 7 });

        Assert.DoesNotContain(hits, h => h.Id == 7);
    }
}
