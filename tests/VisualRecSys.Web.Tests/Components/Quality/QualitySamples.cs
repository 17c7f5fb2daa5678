using VisualRecSys.Data;
using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Web.Quality;

namespace VisualRecSys.Web.Tests.Components.Quality;

/// <summary>Seeded figures for the quality console's components: small, hand-made, easy to check by eye.</summary>
internal static class QualitySamples
{
    public static CategoryFigures Row(string category, double p1, double p10, double map, double? human = null, int labels = 0, double? recall = null) =>
        new(category, Queries: 20, Gallery: 200, p1, PrecisionAt5: (p1 + p10) / 2, p10, map, recall, human, labels);

    /// <summary>Three categories in report (ordinal) order: Bag does best, Shirt worst.</summary>
    public static IReadOnlyList<CategoryFigures> Rows { get; } =
    [
        Row("Bag", 0.95, 0.90, 0.85, human: 0.75, labels: 4, recall: 0.99),
        Row("Coat", 0.80, 0.70, 0.60, recall: 0.97),
        Row("Shirt", 0.50, 0.40, 0.30, human: 0.5, labels: 2, recall: 0.95),
    ];

    public static CategoryReport Category(string name, double p1, double p10, double map, int queries = 20, double? recall = null) => new()
    {
        Category = name,
        Queries = queries,
        Gallery = 200,
        PrecisionAtK = p10,
        PrecisionAt1 = p1,
        PrecisionAt5 = (p1 + p10) / 2,
        PrecisionAt10 = p10,
        MapAtK = map,
        AnnRecallAtK = recall,
    };

    public static EvaluationReport Report(double p1, double p10, double map, double? recall, params CategoryReport[] categories) => new()
    {
        Model = "resnet18-0123456789ab",
        Metric = "angular",
        K = 10,
        Queries = categories.Sum(c => c.Queries),
        QueriesAvailable = categories.Sum(c => c.Queries),
        Seed = EvaluationInput.DefaultSeed,
        Gallery = 200 * categories.Length,
        PrecisionAtK = p10,
        PrecisionAt1 = p1,
        PrecisionAt5 = (p1 + p10) / 2,
        PrecisionAt10 = p10,
        MapAtK = map,
        AnnRecallAtK = recall,
        LatencyMs = recall is null ? null : new LatencyPercentiles(0.2, 0.3, 0.4),
        AnnIndex = recall is null ? null : "forest, 50 trees, search_k 500",
        PerCategory = categories,
        Confusion = new ConfusionReport { Categories = [.. categories.Select(c => c.Category)], Counts = [.. categories.Select(_ => (IReadOnlyList<long>)new long[categories.Length])] },
        WorstQueries = [.. categories.Select(c => new WorstQueries { Category = c.Category, Queries = [] })],
        Seconds = 1.5,
    };

    public static EvaluationRun Run(int id, EvaluationReport report, int? build = null) => new()
    {
        Id = id,
        Status = EvaluationRunStatus.Completed,
        ModelId = report.Model,
        K = report.K,
        Queries = report.Queries,
        Gallery = report.Gallery,
        QuerySplit = "test",
        GallerySplit = "train",
        IndexBuildId = build,
        PrecisionAt10 = report.PrecisionAt10,
    };
}
