using VisualRecSys.Data;
using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Engine.Evaluation.Instance;
using VisualRecSys.Web.Features.Quality;
using VisualRecSys.Web.Features.Quality.Runs;

namespace VisualRecSys.Web.Tests.Features.Quality;

/// <summary>Seeded figures for the quality console's components: small, hand-made, easy to check by eye.</summary>
internal static class QualitySamples
{
    public static CategoryFigures Row(string category, double p1, double p10, double map, double? human = null, int labels = 0, double? recall = null) =>
        new(new CategoryReport
        {
            Category = category, Queries = 20, Gallery = 200, PrecisionAt1 = p1, PrecisionAt5 = (p1 + p10) / 2, PrecisionAt10 = p10, PrecisionAtK = p10,
            MapAtK = map, AnnRecallAtK = recall,
        }, human, labels);

    /// <summary>Three categories in report (ordinal) order: Bag does best, Shirt worst.</summary>
    public static IReadOnlyList<CategoryFigures> Rows { get; } =
    [
        Row("Bag", 0.95, 0.90, 0.85, human: 0.75, labels: 4, recall: 0.99),
        Row("Coat", 0.80, 0.70, 0.60, recall: 0.97),
        Row("Shirt", 0.50, 0.40, 0.30, human: 0.5, labels: 2, recall: 0.95),
    ];

    public static CategoryReport Category(string name, double p1, double p10, double map, int queries = 20, double? recall = null,
        double? instanceR1 = null, double? instanceR10 = null, int instanceSearches = 40) => new()
    {
        InstanceSearches = instanceR1 is null ? null : instanceSearches,
        InstanceRecallAt1 = instanceR1,
        InstanceRecallAt10 = instanceR10 ?? instanceR1,
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

    /// <summary>An instance report of edited copies: 100 products × 4 edits (crop_shift, tone, jpeg, blur at 100 searches each).</summary>
    public static InstanceReport Instance(double r1, double r10, double mrr, params LostOriginals[] lost) => new()
    {
        GroundTruth = InstanceGroundTruth.Edits,
        Queries = 100,
        EditsPerQuery = 4,
        Searches = 400,
        Seed = EvaluationInput.DefaultSeed,
        RecallAt1 = r1,
        RecallAt10 = r10,
        Mrr = mrr,
        RankDepth = 100,
        PerEdit =
        [
            Edit(ImageEditKind.CropShift, r1 + 0.05, r10, mrr),
            Edit(ImageEditKind.Tone, r1, r10, mrr),
            Edit(ImageEditKind.Jpeg, r1 + 0.02, r10, mrr),
            Edit(ImageEditKind.Blur, r1 - 0.07, r10, mrr),
        ],
        LostOriginals = lost,
        Seconds = 12.5,
    };

    public static InstanceEditReport Edit(ImageEditKind edit, double r1, double r10, double mrr, int searches = 100) => new()
    {
        Edit = edit,
        Searches = searches,
        RecallAt1 = r1,
        RecallAt10 = r10,
        Mrr = mrr,
    };

    public static EvaluationRunView Run(int id, EvaluationReport report, int? build = null) => new()
    {
        InstanceNotMeasuredReason = report.Instance is null ? "not asked for" : null,
        InstanceRecallAt1 = report.Instance?.RecallAt1,
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
