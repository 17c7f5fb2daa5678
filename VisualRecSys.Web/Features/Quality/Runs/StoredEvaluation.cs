using System.Text.Json;
using VisualRecSys.Data;
using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Engine.Evaluation.Instance;

namespace VisualRecSys.Web.Features.Quality.Runs;

/// <summary>A stored evaluation run read back: its row's view, and for a completed run the report it stored.</summary>
public sealed class StoredEvaluation
{
    private StoredEvaluation(EvaluationRunView run, EvaluationReport? report)
    {
        Run = run;
        Report = report;
    }

    /// <summary>The run's row (parameters, status, overall figures), as pages show it.</summary>
    public EvaluationRunView Run { get; }

    /// <summary>The report as the evaluation produced it; null unless the run completed.</summary>
    public EvaluationReport? Report { get; }

    /// <summary>Reads <paramref name="run"/> (with its categories loaded) back into a report.</summary>
    /// <exception cref="JsonException">The stored confusion or worst queries are not the report's JSON.</exception>
    public static StoredEvaluation From(EvaluationRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new StoredEvaluation(EvaluationRunView.Of(run), run.Status == EvaluationRunStatus.Completed ? ToReport(run) : null);
    }

    /// <summary>Copies <paramref name="outcome"/>'s figures into <paramref name="run"/> and adds its category rows.</summary>
    public static void Fill(EvaluationRun run, EvaluationOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(outcome);
        var report = outcome.Report;
        run.QuerySplit = outcome.QuerySplit;
        run.GallerySplit = outcome.GallerySplit;
        run.LeaveOneOut = outcome.LeaveOneOut;
        run.QueriesWithoutVector = outcome.QueriesWithoutVector;
        run.GalleryWithoutVector = outcome.GalleryWithoutVector;
        run.IndexBuildId = outcome.IndexBuildId;
        run.AnnNotMeasuredReason = outcome.AnnNotMeasuredReason;
        run.Metric = report.Metric;
        run.K = report.K;
        run.Queries = report.Queries;
        run.QueriesAvailable = report.QueriesAvailable;
        run.Seed = report.Seed;
        run.Gallery = report.Gallery;
        run.PrecisionAt1 = report.PrecisionAt1;
        run.PrecisionAt5 = report.PrecisionAt5;
        run.PrecisionAt10 = report.PrecisionAt10;
        run.PrecisionAtK = report.PrecisionAtK;
        run.MapAtK = report.MapAtK;
        run.AnnIndex = report.AnnIndex;
        run.AnnRecallAtK = report.AnnRecallAtK;
        run.LatencyP50Ms = report.LatencyMs?.P50;
        run.LatencyP95Ms = report.LatencyMs?.P95;
        run.LatencyP99Ms = report.LatencyMs?.P99;
        run.Seconds = report.Seconds;
        // The report's own JSON names: the stored columns read like the evaluate verb's --json file.
        run.ConfusionJson = JsonSerializer.Serialize(report.Confusion);
        run.WorstQueriesJson = JsonSerializer.Serialize(report.WorstQueries);
        run.InstanceNotMeasuredReason = outcome.InstanceNotMeasuredReason;
        if (report.Instance is { } instance)
        {
            run.InstanceSearches = instance.Searches;
            run.InstanceRecallAt1 = instance.RecallAt1;
            run.InstanceRecallAt10 = instance.RecallAt10;
            run.InstanceMrr = instance.Mrr;
            run.InstanceJson = JsonSerializer.Serialize(instance);
        }

        run.Categories.AddRange(report.PerCategory.Select((c, position) => new EvaluationCategoryResult
        {
            Position = position,
            Category = c.Category,
            Queries = c.Queries,
            Gallery = c.Gallery,
            PrecisionAt1 = c.PrecisionAt1,
            PrecisionAt5 = c.PrecisionAt5,
            PrecisionAt10 = c.PrecisionAt10,
            PrecisionAtK = c.PrecisionAtK,
            MapAtK = c.MapAtK,
            AnnRecallAtK = c.AnnRecallAtK,
            InstanceSearches = c.InstanceSearches,
            InstanceRecallAt1 = c.InstanceRecallAt1,
            InstanceRecallAt10 = c.InstanceRecallAt10,
        }));
    }

    private static EvaluationReport ToReport(EvaluationRun run) => new()
    {
        Model = run.ModelId,
        Metric = run.Metric ?? "",
        K = run.K,
        Queries = run.Queries,
        QueriesAvailable = run.QueriesAvailable,
        Seed = run.Seed,
        Gallery = run.Gallery,
        PrecisionAtK = run.PrecisionAtK,
        PrecisionAt1 = run.PrecisionAt1,
        PrecisionAt5 = run.PrecisionAt5,
        PrecisionAt10 = run.PrecisionAt10,
        MapAtK = run.MapAtK,
        AnnRecallAtK = run.AnnRecallAtK,
        LatencyMs = run.LatencyP50Ms is { } p50 ? new LatencyPercentiles(p50, run.LatencyP95Ms ?? 0, run.LatencyP99Ms ?? 0) : null,
        AnnIndex = run.AnnIndex,
        PerCategory = [.. run.Categories.OrderBy(c => c.Position).Select(c => new CategoryReport
        {
            Category = c.Category,
            Queries = c.Queries,
            Gallery = c.Gallery,
            PrecisionAtK = c.PrecisionAtK,
            PrecisionAt1 = c.PrecisionAt1,
            PrecisionAt5 = c.PrecisionAt5,
            PrecisionAt10 = c.PrecisionAt10,
            MapAtK = c.MapAtK,
            AnnRecallAtK = c.AnnRecallAtK,
            InstanceSearches = c.InstanceSearches,
            InstanceRecallAt1 = c.InstanceRecallAt1,
            InstanceRecallAt10 = c.InstanceRecallAt10,
        })],
        Confusion = JsonSerializer.Deserialize<ConfusionReport>(run.ConfusionJson ?? "null")
            ?? new ConfusionReport { Categories = [], Counts = [] },
        WorstQueries = JsonSerializer.Deserialize<List<WorstQueries>>(run.WorstQueriesJson ?? "null") ?? [],
        Seconds = run.Seconds,
        Instance = run.InstanceJson is null ? null : JsonSerializer.Deserialize<InstanceReport>(run.InstanceJson),
    };
}
