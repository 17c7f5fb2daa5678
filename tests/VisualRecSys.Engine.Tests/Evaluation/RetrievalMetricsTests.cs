using VisualRecSys.Engine.Evaluation;

namespace VisualRecSys.Engine.Tests.Evaluation;

public class RetrievalMetricsTests
{
    [Fact]
    public void Precision_counts_relevant_results_among_the_first_k()
    {
        bool[] relevant = [true, false, true, true, false];

        Assert.Equal(1.0, RetrievalMetrics.PrecisionAtK(relevant, 1));
        Assert.Equal(2.0 / 3, RetrievalMetrics.PrecisionAtK(relevant, 3), 12);
        Assert.Equal(3.0 / 5, RetrievalMetrics.PrecisionAtK(relevant, 5), 12);
    }

    [Fact]
    public void Precision_with_k_larger_than_the_results_uses_the_results_there_are()
    {
        Assert.Equal(0.5, RetrievalMetrics.PrecisionAtK([true, false], 10));
        Assert.Equal(0.0, RetrievalMetrics.PrecisionAtK([], 10));
    }

    [Fact]
    public void Average_precision_matches_a_hand_computed_ranking()
    {
        // Relevant at ranks 1, 3 and 4: (1/1 + 2/3 + 3/4) / min(5, 4 relevant in the gallery).
        bool[] relevant = [true, false, true, true, false];

        var ap = RetrievalMetrics.AveragePrecisionAtK(relevant, relevantInGallery: 4, k: 5);

        Assert.Equal((1.0 + (2.0 / 3) + 0.75) / 4, ap, 12);
    }

    [Fact]
    public void Average_precision_is_1_for_a_perfect_list_and_0_without_relevant_items()
    {
        Assert.Equal(1.0, RetrievalMetrics.AveragePrecisionAtK([true, true, true], relevantInGallery: 3, k: 10), 12);
        Assert.Equal(0.0, RetrievalMetrics.AveragePrecisionAtK([false, false], relevantInGallery: 0, k: 10));
    }

    [Fact]
    public void Tied_neighbours_count_by_their_returned_order()
    {
        // Two results with equal scores: the index returns them in a fixed order (lower id first), and the metric
        // rewards the relevant one only where it actually stands.
        Assert.Equal(1.0, RetrievalMetrics.AveragePrecisionAtK([true, false], relevantInGallery: 1, k: 2));
        Assert.Equal(0.5, RetrievalMetrics.AveragePrecisionAtK([false, true], relevantInGallery: 1, k: 2));
    }

    [Fact]
    public void Latency_percentiles_use_nearest_rank()
    {
        var samples = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();

        Assert.Equal(new LatencyPercentiles(50, 95, 99), LatencyPercentiles.Of(samples));
        Assert.Equal(new LatencyPercentiles(7, 7, 7), LatencyPercentiles.Of([7.0]));
        Assert.Equal(default, LatencyPercentiles.Of([]));
    }

    [Fact]
    public void The_confusion_matrix_counts_neighbours_by_category_and_a_category_without_queries_stays_empty()
    {
        var matrix = new ConfusionMatrix(["Shirt", "T-shirt/top", "Bag"]);
        matrix.Add(0, 0);
        matrix.Add(0, 1);
        matrix.Add(0, 1);
        matrix.Add(1, 1);

        Assert.Equal(2, matrix[0, 1]);
        Assert.Equal([1.0 / 3, 2.0 / 3, 0.0], matrix.RowShares(0));
        Assert.Equal([0.0, 0.0, 0.0], matrix.RowShares(2));
    }
}
