using VisualRecSys.Engine.Evaluation;

namespace VisualRecSys.Web.Tests.Features.Quality;

/// <summary>Compares two evaluation reports figure by figure; timings (seconds, latency) only when asked.</summary>
internal static class ReportAssert
{
    public static void SameFigures(EvaluationReport expected, EvaluationReport actual, bool timings = false)
    {
        Assert.Equal(
            (expected.Model, expected.Metric, expected.K, expected.Queries, expected.QueriesAvailable, expected.Seed, expected.Gallery, expected.AnnIndex),
            (actual.Model, actual.Metric, actual.K, actual.Queries, actual.QueriesAvailable, actual.Seed, actual.Gallery, actual.AnnIndex));
        Assert.Equal(
            (expected.PrecisionAt1, expected.PrecisionAt5, expected.PrecisionAt10, expected.PrecisionAtK, expected.MapAtK, expected.AnnRecallAtK),
            (actual.PrecisionAt1, actual.PrecisionAt5, actual.PrecisionAt10, actual.PrecisionAtK, actual.MapAtK, actual.AnnRecallAtK));
        Assert.Equal(expected.PerCategory, actual.PerCategory);
        Assert.Equal(expected.Confusion.Categories, actual.Confusion.Categories);
        Assert.Equal(expected.Confusion.Counts.SelectMany(row => row), actual.Confusion.Counts.SelectMany(row => row));
        Assert.Equal(expected.WorstQueries.Select(w => w.Category), actual.WorstQueries.Select(w => w.Category));
        Assert.Equal(
            expected.WorstQueries.SelectMany(w => w.Queries).Select(q => (q.Id, q.PrecisionAtK, q.AveragePrecisionAtK)),
            actual.WorstQueries.SelectMany(w => w.Queries).Select(q => (q.Id, q.PrecisionAtK, q.AveragePrecisionAtK)));
        Assert.Equal(
            expected.WorstQueries.SelectMany(w => w.Queries).SelectMany(q => q.Neighbours),
            actual.WorstQueries.SelectMany(w => w.Queries).SelectMany(q => q.Neighbours));
        Assert.Equal(expected.LatencyMs is null, actual.LatencyMs is null);
        Assert.Equal(expected.Instance is null, actual.Instance is null);
        if (expected.Instance is { } e && actual.Instance is { } a)
        {
            Assert.Equal(
                (e.GroundTruth, e.Queries, e.EditsPerQuery, e.Searches, e.Seed, e.RecallAt1, e.RecallAt10, e.Mrr, e.RankDepth),
                (a.GroundTruth, a.Queries, a.EditsPerQuery, a.Searches, a.Seed, a.RecallAt1, a.RecallAt10, a.Mrr, a.RankDepth));
            Assert.Equal(e.PerEdit, a.PerEdit);
            Assert.Equal(
                e.LostOriginals.SelectMany(l => l.Searches).Select(s => (s.Source, s.Edit, s.EditSeed, s.Description, s.Rank)),
                a.LostOriginals.SelectMany(l => l.Searches).Select(s => (s.Source, s.Edit, s.EditSeed, s.Description, s.Rank)));
        }

        if (timings)
        {
            Assert.Equal((expected.LatencyMs, expected.Seconds), (actual.LatencyMs, actual.Seconds));
        }
    }
}
