using VisualRecSys.Engine.Evaluation;
using static VisualRecSys.Engine.Tests.Evaluation.LineGallery;

namespace VisualRecSys.Engine.Tests.Evaluation;

public sealed class EvaluationInputTests
{
    private static readonly LabelledItem[] s_gallery = [new(10, A), new(11, B)];

    private static EvaluationInput Input(LabelledItem[] queries, LabelledItem[]? gallery = null) =>
        LineGallery.Input(Embeddings((10, 0), (11, 5), (1, 1), (2, 2), (3, 3), (4, 4), (5, 6), (6, 7)), queries, gallery ?? s_gallery, k: 1);

    [Theory]
    [InlineData(99, 0, "Queries", "no vector")]
    [InlineData(1, 3, "Queries", "category 3")]
    [InlineData(1, -1, "Queries", "category -1")]
    public void A_query_without_a_vector_or_with_an_unknown_category_is_refused(int id, int category, string param, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => Input([new(id, category)]).Validate());

        Assert.Equal(param, e.ParamName);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_queries_or_gallery_repeated_ids_and_a_bad_k_or_limit_are_refused()
    {
        Assert.Equal("Queries", Assert.Throws<ArgumentException>(() => Input([]).Validate()).ParamName);
        Assert.Equal("Gallery", Assert.Throws<ArgumentException>(() => Input([new(1, A)], []).Validate()).ParamName);
        Assert.Equal("Gallery", Assert.Throws<ArgumentException>(() => Input([new(1, A)], [new(10, A), new(10, A)]).Validate()).ParamName);
        Assert.Equal("K", Assert.Throws<ArgumentOutOfRangeException>(() => (Input([new(1, A)]) with { K = 0 }).Validate()).ParamName);
        Assert.Equal("QueryLimit", Assert.Throws<ArgumentOutOfRangeException>(() => (Input([new(1, A)]) with { QueryLimit = 0 }).Validate()).ParamName);
    }

    [Fact]
    public void A_query_limit_takes_the_same_seeded_sample_every_time_and_another_with_another_seed()
    {
        LabelledItem[] queries = [new(1, A), new(2, A), new(3, B), new(4, B), new(5, A), new(6, B)];
        var input = Input(queries) with { QueryLimit = 3 };

        var first = RetrievalEvaluator.Evaluate(input);
        var again = RetrievalEvaluator.Evaluate(input);
        var seeds = Enumerable.Range(1, 10).Select(seed => SampledIds(RetrievalEvaluator.Evaluate(input with { Seed = seed }))).ToList();

        Assert.Equal((3, 6, 42), (first.Queries, first.QueriesAvailable, first.Seed));
        Assert.Equal(SampledIds(first), SampledIds(again));
        Assert.Equal(3, SampledIds(first).Distinct().Count());
        Assert.Contains(seeds, ids => !ids.SequenceEqual(SampledIds(first)));
        Assert.Equal(6, RetrievalEvaluator.Evaluate(input with { QueryLimit = 6 }).Queries);
        Assert.Equal(6, RetrievalEvaluator.Evaluate(input with { QueryLimit = 100 }).Queries);
    }

    // With k = 1 and at most five queries per category every query is listed among its category's worst.
    private static int[] SampledIds(EvaluationReport report) => [.. report.WorstQueries.SelectMany(w => w.Queries).Select(q => q.Id).Order()];
}
