using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Forest;
using VisualRecSys.Engine.Tests.Index.Forest;

namespace VisualRecSys.Engine.Tests.Evaluation;

/// <summary>The recall@10 a new build is shown with: the forest against exact search on a seeded sample of its products.</summary>
public sealed class RecallSampleTests
{
    [Fact]
    public void A_forest_at_default_parameters_finds_most_exact_neighbours_and_the_figure_is_repeatable()
    {
        var (matrix, _) = ClusteredData.Create(count: 2000, dimension: 32, queries: 1, seed: 11);
        using var forest = ForestIndex.Build(matrix, DistanceMetric.Angular, new ForestOptions());
        var reports = new List<int>();

        var recall = RecallSample.Measure(matrix, forest, 50, new SyncProgress(reports), CancellationToken.None);

        Assert.InRange(recall, 0.9, 1.0);
        Assert.Equal(recall, RecallSample.Measure(matrix, forest, 50, null, CancellationToken.None));
        Assert.Equal(Enumerable.Range(1, 50), reports);
    }

    [Fact]
    public void A_forest_searching_every_item_is_exact()
    {
        var (matrix, _) = ClusteredData.Create(count: 300, dimension: 16, queries: 1, seed: 5);
        using var forest = ForestIndex.Build(matrix, DistanceMetric.Euclidean, new ForestOptions { Trees = 4, ShortlistFactor = 0, DefaultSearchK = 300 * 4 * 4 });

        Assert.Equal(1.0, RecallSample.Measure(matrix, forest, 1000, null, CancellationToken.None), 6);
    }

    [Theory]
    [InlineData(500, 200, 200)]
    [InlineData(30, 200, 30)]
    [InlineData(30, -1, 0)]
    public void Queries_are_as_many_as_asked_up_to_the_products(int products, int asked, int expected) =>
        Assert.Equal(expected, RecallSample.QueriesFor(products, asked));

    [Fact]
    public void Cancelling_stops_the_measure()
    {
        var (matrix, _) = ClusteredData.Create(count: 200, dimension: 8, queries: 1, seed: 2);
        using var forest = ForestIndex.Build(matrix, DistanceMetric.Angular, new ForestOptions { Trees = 2 });

        Assert.Throws<OperationCanceledException>(() => RecallSample.Measure(matrix, forest, 10, null, new CancellationToken(canceled: true)));
    }

    // Progress<T> posts to the thread pool; the test reads the reports right after the call.
    private sealed class SyncProgress(List<int> reports) : IProgress<int>
    {
        public void Report(int value) => reports.Add(value);
    }
}
