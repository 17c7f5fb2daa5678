namespace VisualRecSys.Engine.Evaluation;

/// <summary>Turns the per-query results of an evaluation into its <see cref="EvaluationReport"/>.</summary>
internal static class ReportAssembly
{
    public static EvaluationReport Build(EvaluationInput input, EvaluationGallery gallery, QueryResults results, ConfusionMatrix confusion, double seconds)
    {
        var categories = input.Categories;
        var overall = new FigureTotals();
        var byCategory = new FigureTotals[categories.Count];
        for (var q = 0; q < results.Queries.Length; q++)
        {
            overall.Add(results.Outcomes[q]);
            byCategory[results.Queries[q].Category].Add(results.Outcomes[q]);
        }

        var measured = input.Approximate is not null;
        return new EvaluationReport
        {
            Model = input.Embeddings.ModelId,
            Metric = input.Metric.ToString().ToLowerInvariant(),
            K = input.K,
            Queries = results.Queries.Length,
            QueriesAvailable = input.Queries.Count,
            Seed = input.Seed,
            Gallery = gallery.Count,
            PrecisionAtK = overall.PrecisionAtK,
            PrecisionAt1 = overall.PrecisionAt1,
            PrecisionAt5 = overall.PrecisionAt5,
            PrecisionAt10 = overall.PrecisionAt10,
            MapAtK = overall.MeanAveragePrecision,
            AnnRecallAtK = measured ? overall.AnnRecall : null,
            LatencyMs = results.Latencies is { } latencies ? LatencyPercentiles.Of(latencies) : null,
            AnnIndex = input.Approximate?.Description,
            PerCategory = [.. categories.Select((name, c) => new CategoryReport
            {
                Category = name,
                Queries = byCategory[c].Queries,
                Gallery = gallery.SizeOf(c),
                PrecisionAtK = byCategory[c].PrecisionAtK,
                PrecisionAt1 = byCategory[c].PrecisionAt1,
                PrecisionAt5 = byCategory[c].PrecisionAt5,
                PrecisionAt10 = byCategory[c].PrecisionAt10,
                MapAtK = byCategory[c].MeanAveragePrecision,
                AnnRecallAtK = measured ? byCategory[c].AnnRecall : null,
            })],
            Confusion = ConfusionReport.From(confusion),
            WorstQueries = WorstPerCategory(categories, gallery, results),
            Seconds = seconds,
        };
    }

    private static WorstQueries[] WorstPerCategory(IReadOnlyList<string> categories, EvaluationGallery gallery, QueryResults results)
    {
        var byCategory = Enumerable.Range(0, results.Queries.Length).ToLookup(q => results.Queries[q].Category);
        return [.. categories.Select((name, c) => new WorstQueries
        {
            Category = name,
            Queries = [.. byCategory[c]
                .OrderBy(q => results.Outcomes[q].PrecisionAtK)
                .ThenBy(q => results.Outcomes[q].AveragePrecision)
                .ThenBy(q => results.Queries[q].Id)
                .Take(RetrievalEvaluator.WorstQueriesPerCategory)
                .Select(q => Describe(q, categories, gallery, results))],
        })];
    }

    private static WorstQuery Describe(int query, IReadOnlyList<string> categories, EvaluationGallery gallery, QueryResults results) => new()
    {
        Id = results.Queries[query].Id,
        PrecisionAtK = results.Outcomes[query].PrecisionAtK,
        AveragePrecisionAtK = results.Outcomes[query].AveragePrecision,
        Neighbours = [.. results.NeighboursOf(query).ToArray().Select(hit => new ReportedNeighbour(hit.Id, categories[gallery.CategoryOf(hit.Id)], hit.Score))],
    };
}
