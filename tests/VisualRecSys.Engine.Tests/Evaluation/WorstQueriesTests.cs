using VisualRecSys.Engine.Evaluation;
using static VisualRecSys.Engine.Tests.Evaluation.LineGallery;

namespace VisualRecSys.Engine.Tests.Evaluation;

/// <summary>
/// Which queries a category lists as its worst, k = 2. Gallery: 10 at 0 (A), 11 at 10 (B), 13 at 12 (B), 12 at 21 (A).
/// A's queries and their two neighbours: 3 and 4 at 9 → 11 13 (B B: P 0, AP 0); 6 at 16 → 13 12 (B A: P ½, AP ¼);
/// 5 at 1 → 10 11, 7 at 19 → 12 13, 8 at -1 → 10 11 (A B: P ½, AP ½).
/// </summary>
public sealed class WorstQueriesTests
{
    [Fact]
    public void Worst_are_lowest_precision_then_lowest_average_precision_then_lowest_id_five_at_most()
    {
        var embeddings = Embeddings((8, -1), (7, 19), (6, 16), (5, 1), (4, 9), (3, 9), (10, 0), (11, 10), (13, 12), (12, 21));
        LabelledItem[] queries = [new(8, A), new(7, A), new(6, A), new(5, A), new(4, A), new(3, A)];
        LabelledItem[] gallery = [new(10, A), new(11, B), new(13, B), new(12, A)];

        var report = RetrievalEvaluator.Evaluate(Input(embeddings, queries, gallery, k: 2));

        var worst = report.WorstQueries[A].Queries;
        Assert.Equal([3, 4, 6, 5, 7], worst.Select(q => q.Id));
        Assert.Equal([0, 0, 0.5, 0.5, 0.5], worst.Select(q => q.PrecisionAtK));
        Assert.Equal([0, 0, 0.25, 0.5, 0.5], worst.Select(q => q.AveragePrecisionAtK));
        Assert.Equal([13, 12], worst[2].Neighbours.Select(n => n.Id));
        Assert.Equal(["B", "A"], worst[2].Neighbours.Select(n => n.Category));
        Assert.Equal(["A", "B", "C"], report.WorstQueries.Select(w => w.Category));
        Assert.Empty(report.WorstQueries[B].Queries);
    }
}
