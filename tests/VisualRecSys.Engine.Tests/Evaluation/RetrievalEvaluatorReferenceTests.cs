using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Forest;

namespace VisualRecSys.Engine.Tests.Evaluation;

/// <summary>The evaluator against a brute-force evaluation in doubles, on more queries than one exact batch holds.</summary>
public sealed class RetrievalEvaluatorReferenceTests
{
    private static readonly LabelledClusters s_data = new(items: 1000, dimension: 24, categories: 6, seed: 7);

    [Theory]
    [InlineData(10)]
    [InlineData(4)]
    [InlineData(25)]
    public void Figures_match_a_brute_force_evaluation(int k)
    {
        var report = RetrievalEvaluator.Evaluate(s_data.Input(k));

        var relevance = s_data.ReferenceRelevance();
        double Mean(Func<int, double> figure) => Enumerable.Range(0, relevance.Length).Average(figure);
        double Precision(int q, int n) => relevance[q].Take(n).Count(r => r) / (double)n;
        double AveragePrecision(int q)
        {
            double sum = 0;
            var hits = 0;
            for (var i = 0; i < k; i++)
            {
                if (relevance[q][i])
                {
                    sum += ++hits / (double)(i + 1);
                }
            }

            return sum / Math.Min(k, s_data.RelevantFor(s_data.Queries[q]));
        }

        Assert.Equal(s_data.Queries.Length, report.Queries);
        Assert.True(report.Queries > 256, "more queries than one batch");
        Assert.Equal(Mean(q => Precision(q, 1)), report.PrecisionAt1, 12);
        Assert.Equal(Mean(q => Precision(q, 5)), report.PrecisionAt5, 12);
        Assert.Equal(Mean(q => Precision(q, 10)), report.PrecisionAt10, 12);
        Assert.Equal(Mean(q => Precision(q, k)), report.PrecisionAtK, 12);
        Assert.Equal(Mean(AveragePrecision), report.MapAtK, 12);
        Assert.InRange(report.PrecisionAt1, 0.2, 0.95);

        var last = report.PerCategory[^1];
        Assert.Equal((0, 0.0, 0.0), (last.Queries, last.PrecisionAt1, last.MapAtK));
        Assert.Equal(report.Queries * k, report.Confusion.Counts.Sum(row => row.Sum()));
        Assert.All(report.PerCategory.Zip(report.Confusion.Counts), pair => Assert.Equal(pair.First.Queries * k, pair.Second.Sum()));
    }

    [Fact]
    public void One_thread_and_all_threads_agree()
    {
        var serial = RetrievalEvaluator.Evaluate(s_data.Input(10) with { MaxDegreeOfParallelism = 1 });
        var parallel = RetrievalEvaluator.Evaluate(s_data.Input(10));

        Assert.Equal(serial with { Seconds = 0 }, parallel with { Seconds = 0, PerCategory = serial.PerCategory, Confusion = serial.Confusion, WorstQueries = serial.WorstQueries });
        Assert.Equal(serial.PerCategory, parallel.PerCategory);
        Assert.Equal(serial.Confusion.Counts.SelectMany(r => r), parallel.Confusion.Counts.SelectMany(r => r));
    }

    [Fact]
    public void A_forest_has_recall_between_0_and_1_and_more_search_k_finds_more()
    {
        using var forest = ForestIndex.Build(s_data.Embeddings, DistanceMetric.Angular, new ForestOptions { Trees = 4, LeafSize = 16, SplitDimension = 8, MaxDegreeOfParallelism = 1 });

        var narrow = RetrievalEvaluator.Evaluate(s_data.Input(10) with { Approximate = ApproximateIndex.Of(forest, searchK: 10) });
        var wide = RetrievalEvaluator.Evaluate(s_data.Input(10) with { Approximate = ApproximateIndex.Of(forest, searchK: 2000) });

        Assert.InRange(narrow.AnnRecallAtK!.Value, 0.05, 0.99);
        Assert.Equal(1.0, wide.AnnRecallAtK!.Value, 12);
        Assert.Equal("forest, 4 trees, search_k 10", narrow.AnnIndex);
        Assert.Equal(narrow.PrecisionAtK, wide.PrecisionAtK);
    }

    [Fact]
    public void Progress_counts_queries_done_after_each_batch()
    {
        var progress = new Recorder();

        var report = RetrievalEvaluator.Evaluate(s_data.Input(10), progress);

        Assert.Equal([256, report.Queries], progress.Values);
    }

    [Fact]
    public void A_cancelled_evaluation_stops()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => RetrievalEvaluator.Evaluate(s_data.Input(10), null, cancelled.Token));
    }

    /// <summary>Records synchronously (<see cref="Progress{T}"/> posts to the thread pool).</summary>
    private sealed class Recorder : IProgress<int>
    {
        public List<int> Values { get; } = [];

        public void Report(int value) => Values.Add(value);
    }
}
