using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Exact;
using VisualRecSys.Engine.Index.Store;
using static VisualRecSys.Engine.Tests.Evaluation.LineGallery;

namespace VisualRecSys.Engine.Tests.Evaluation;

/// <summary>
/// The evaluator on a hand-made line (see <see cref="LineGallery"/>). Gallery: 10 at 0 (A), 11 at 2 (A), 12 at 3 (B),
/// 13 at 6 (B), 14 at 10 (C). Queries: 1 at 1 (A), 2 at 5 (B), and 12 itself (B), which is also in the gallery.
/// Category C has gallery items but no queries. Worked out by hand, k = 3:
/// <list type="bullet">
/// <item>query 1: 10 (d 1) and 11 (d 1) tie, the lower id first; then 12 (2), 13 (5), 14 (9): A A B B C.</item>
/// <item>query 2: 13 (1), 12 (2), 11 (3), then 10 and 14 tie at 5: B B A A C.</item>
/// <item>query 12, itself excluded: 11 (1), then 10 and 13 tie at 3, then 14 (7): A A B C; one other B in the gallery.</item>
/// </list>
/// </summary>
public sealed class RetrievalEvaluatorTests
{
    private static readonly EmbeddingMatrix s_embeddings = Embeddings((1, 1), (2, 5), (14, 10), (13, 6), (12, 3), (11, 2), (10, 0));
    private static readonly LabelledItem[] s_gallery = [new(13, B), new(11, A), new(14, C), new(12, B), new(10, A)];
    private static readonly LabelledItem[] s_queries = [new(1, A), new(2, B), new(12, B)];

    private static EvaluationReport Evaluate(int k = 3, ApproximateIndex? approximate = null) =>
        RetrievalEvaluator.Evaluate(Input(s_embeddings, s_queries, s_gallery, k) with { Approximate = approximate });

    [Fact]
    public void Overall_figures_are_means_over_queries_worked_out_by_hand()
    {
        var report = Evaluate();

        Assert.Equal(("line-model", "euclidean", 3, 3, 5), (report.Model, report.Metric, report.K, report.Queries, report.Gallery));
        // P@1: 1, 1, 0. P@3: 2/3, 2/3, 1/3. P@5 and P@10 over the 5, 5 and 4 results there are: 2/5, 2/5, 1/4.
        Assert.Equal(2.0 / 3, report.PrecisionAt1, 12);
        Assert.Equal(5.0 / 9, report.PrecisionAtK, 12);
        Assert.Equal((0.4 + 0.4 + 0.25) / 3, report.PrecisionAt5, 12);
        Assert.Equal((0.4 + 0.4 + 0.25) / 3, report.PrecisionAt10, 12);
        // AP@3: 1 and 1 (two relevant of two in the gallery), 1/3 (a hit at rank 3; one relevant once 12 is excluded).
        Assert.Equal((1 + 1 + (1.0 / 3)) / 3, report.MapAtK, 12);
    }

    [Fact]
    public void The_query_itself_is_never_its_own_neighbour()
    {
        var report = Evaluate();

        var worstOfB = report.WorstQueries[B].Queries;
        Assert.Equal(12, worstOfB[0].Id);
        Assert.Equal([11, 10, 13], worstOfB[0].Neighbours.Select(n => n.Id));
        Assert.Equal(1.0 / 3, worstOfB[0].PrecisionAtK, 12);
    }

    [Fact]
    public void Ties_in_score_go_to_the_lower_id_whatever_the_input_order()
    {
        var report = Evaluate();

        var query1 = report.WorstQueries[A].Queries.Single();
        Assert.Equal([10, 11, 12], query1.Neighbours.Select(n => n.Id));
        Assert.Equal(["A", "A", "B"], query1.Neighbours.Select(n => n.Category));
        Assert.Equal([-1f, -1f, -2f], query1.Neighbours.Select(n => n.Score));
    }

    [Fact]
    public void Per_category_figures_average_their_own_queries_and_an_empty_category_is_all_zero()
    {
        var report = Evaluate();

        Assert.Equal(["A", "B", "C"], report.PerCategory.Select(c => c.Category));
        Assert.Equal([1, 2, 0], report.PerCategory.Select(c => c.Queries));
        Assert.Equal([2, 2, 1], report.PerCategory.Select(c => c.Gallery));

        var a = report.PerCategory[A];
        Assert.Equal((1.0, 2.0 / 3, 0.4, 1.0), (a.PrecisionAt1, a.PrecisionAtK, a.PrecisionAt5, a.MapAtK));
        var b = report.PerCategory[B];
        Assert.Equal(0.5, b.PrecisionAt1, 12);
        Assert.Equal(0.5, b.PrecisionAtK, 12);
        Assert.Equal((0.4 + 0.25) / 2, b.PrecisionAt5, 12);
        Assert.Equal((1 + (1.0 / 3)) / 2, b.MapAtK, 12);

        var c = report.PerCategory[C];
        Assert.Equal((0.0, 0.0, 0.0, 0.0, 0.0), (c.PrecisionAt1, c.PrecisionAt5, c.PrecisionAt10, c.PrecisionAtK, c.MapAtK));
        Assert.Null(c.AnnRecallAtK);
        Assert.Empty(report.WorstQueries[C].Queries);
    }

    [Fact]
    public void Confusion_counts_each_of_the_k_neighbours_under_query_and_neighbour_category()
    {
        var report = Evaluate();

        Assert.Equal(["A", "B", "C"], report.Confusion.Categories);
        // Query 1 (A): A A B. Query 2 (B): B B A. Query 12 (B): A A B.
        Assert.Equal([2L, 1, 0], report.Confusion.Counts[A]);
        Assert.Equal([3L, 3, 0], report.Confusion.Counts[B]);
        Assert.Equal([0L, 0, 0], report.Confusion.Counts[C]);
    }

    [Fact]
    public void K_larger_than_the_gallery_ranks_what_there_is()
    {
        var report = Evaluate(k: 20);

        // Every result counts: P@20 = 2/5, 2/5, 1/4; AP@20 over min(20, relevant) = as for k = 3.
        Assert.Equal((0.4 + 0.4 + 0.25) / 3, report.PrecisionAtK, 12);
        Assert.Equal((1 + 1 + (1.0 / 3)) / 3, report.MapAtK, 12);
        Assert.Equal([4, 5], report.WorstQueries[B].Queries.Select(q => q.Neighbours.Count).Order());
        Assert.Equal(5 + 5 + 4, report.Confusion.Counts.Sum(row => row.Sum()));
        // Query 2's tie at 5: 10 before 14.
        Assert.Equal([13, 12, 11, 10, 14], report.WorstQueries[B].Queries.Single(q => q.Id == 2).Neighbours.Select(n => n.Id));
    }

    [Fact]
    public void Without_an_approximate_index_the_ann_figures_are_null()
    {
        var report = Evaluate();

        Assert.Null(report.AnnRecallAtK);
        Assert.Null(report.LatencyMs);
        Assert.Null(report.AnnIndex);
        Assert.All(report.PerCategory, c => Assert.Null(c.AnnRecallAtK));
    }

    [Fact]
    public void Ann_recall_of_an_exact_index_over_all_items_is_1_because_the_filter_keeps_it_to_the_gallery()
    {
        // The index also holds the queries 1 and 2, each 2 from query 12: unfiltered they would enter 12's top 3, and
        // 12 would find itself.
        var report = Evaluate(approximate: ApproximateIndex.Of(new ExactIndex(s_embeddings, DistanceMetric.Euclidean)));

        Assert.Equal(1.0, report.AnnRecallAtK);
        Assert.All(report.PerCategory.Take(2), c => Assert.Equal(1.0, c.AnnRecallAtK));
        Assert.Equal(0.0, report.PerCategory[C].AnnRecallAtK);
        Assert.Equal("ExactIndex", report.AnnIndex);
        var latency = Assert.NotNull(report.LatencyMs);
        Assert.True(latency.P50 > 0 && latency.P50 <= latency.P95 && latency.P95 <= latency.P99, latency.ToString());
    }

    [Fact]
    public void Ann_recall_of_an_index_missing_an_item_is_below_1()
    {
        // Without 11: query 1 finds 10 12 13 for 10 11 12, query 2 13 12 10 for 13 12 11, query 12 10 13 14 for 11 10 13.
        var withoutEleven = Embeddings((10, 0), (12, 3), (13, 6), (14, 10));
        var report = Evaluate(approximate: ApproximateIndex.Of(new ExactIndex(withoutEleven, DistanceMetric.Euclidean)));

        Assert.Equal(2.0 / 3, report.AnnRecallAtK!.Value, 12);
        Assert.Equal(2.0 / 3, report.PerCategory[A].AnnRecallAtK!.Value, 12);
        Assert.Equal(2.0 / 3, report.PerCategory[B].AnnRecallAtK!.Value, 12);
        // The exact figures do not depend on the approximate index.
        Assert.Equal(5.0 / 9, report.PrecisionAtK, 12);
    }

    [Fact]
    public void An_approximate_index_ranking_by_another_metric_is_refused()
    {
        var angular = ApproximateIndex.Of(new ExactIndex(s_embeddings, DistanceMetric.Angular));

        var e = Assert.Throws<ArgumentException>(() => Evaluate(approximate: angular));
        Assert.Equal("Approximate", e.ParamName);
    }
}
