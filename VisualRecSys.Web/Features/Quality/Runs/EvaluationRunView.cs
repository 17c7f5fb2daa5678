using VisualRecSys.Data;

namespace VisualRecSys.Web.Features.Quality.Runs;

/// <summary>
/// One stored evaluation run as the quality console shows it: its parameters, status and overall figures, read-only.
/// Pages bind this rather than the <see cref="EvaluationRun"/> row, so the markup never tracks EF state or the schema.
/// </summary>
/// <remarks>The stored JSON (confusion, worst queries, instance) is left out: a completed run's report carries it.</remarks>
public sealed record EvaluationRunView
{
    /// <inheritdoc cref="EvaluationRun.Id"/>
    public required int Id { get; init; }

    /// <inheritdoc cref="EvaluationRun.Status"/>
    public required EvaluationRunStatus Status { get; init; }

    /// <inheritdoc cref="EvaluationRun.ModelId"/>
    public required string ModelId { get; init; }

    /// <inheritdoc cref="EvaluationRun.RequestedIndexBuildId"/>
    public int? RequestedIndexBuildId { get; init; }

    /// <inheritdoc cref="EvaluationRun.K"/>
    public int K { get; init; }

    /// <inheritdoc cref="EvaluationRun.QueryLimit"/>
    public int? QueryLimit { get; init; }

    /// <inheritdoc cref="EvaluationRun.StartedAt"/>
    public DateTimeOffset StartedAt { get; init; }

    /// <inheritdoc cref="EvaluationRun.FinishedAt"/>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <inheritdoc cref="EvaluationRun.Error"/>
    public string? Error { get; init; }

    /// <inheritdoc cref="EvaluationRun.QuerySplit"/>
    public string? QuerySplit { get; init; }

    /// <inheritdoc cref="EvaluationRun.GallerySplit"/>
    public string? GallerySplit { get; init; }

    /// <inheritdoc cref="EvaluationRun.LeaveOneOut"/>
    public bool LeaveOneOut { get; init; }

    /// <inheritdoc cref="EvaluationRun.QueriesWithoutVector"/>
    public int QueriesWithoutVector { get; init; }

    /// <inheritdoc cref="EvaluationRun.GalleryWithoutVector"/>
    public int GalleryWithoutVector { get; init; }

    /// <inheritdoc cref="EvaluationRun.Metric"/>
    public string? Metric { get; init; }

    /// <inheritdoc cref="EvaluationRun.Queries"/>
    public int Queries { get; init; }

    /// <inheritdoc cref="EvaluationRun.QueriesAvailable"/>
    public int QueriesAvailable { get; init; }

    /// <inheritdoc cref="EvaluationRun.Seed"/>
    public int Seed { get; init; }

    /// <inheritdoc cref="EvaluationRun.Gallery"/>
    public int Gallery { get; init; }

    /// <inheritdoc cref="EvaluationRun.PrecisionAt1"/>
    public double PrecisionAt1 { get; init; }

    /// <inheritdoc cref="EvaluationRun.PrecisionAt5"/>
    public double PrecisionAt5 { get; init; }

    /// <inheritdoc cref="EvaluationRun.PrecisionAt10"/>
    public double PrecisionAt10 { get; init; }

    /// <inheritdoc cref="EvaluationRun.PrecisionAtK"/>
    public double PrecisionAtK { get; init; }

    /// <inheritdoc cref="EvaluationRun.MapAtK"/>
    public double MapAtK { get; init; }

    /// <inheritdoc cref="EvaluationRun.IndexBuildId"/>
    public int? IndexBuildId { get; init; }

    /// <inheritdoc cref="EvaluationRun.AnnIndex"/>
    public string? AnnIndex { get; init; }

    /// <inheritdoc cref="EvaluationRun.AnnNotMeasuredReason"/>
    public string? AnnNotMeasuredReason { get; init; }

    /// <inheritdoc cref="EvaluationRun.AnnRecallAtK"/>
    public double? AnnRecallAtK { get; init; }

    /// <inheritdoc cref="EvaluationRun.LatencyP50Ms"/>
    public double? LatencyP50Ms { get; init; }

    /// <inheritdoc cref="EvaluationRun.LatencyP95Ms"/>
    public double? LatencyP95Ms { get; init; }

    /// <inheritdoc cref="EvaluationRun.LatencyP99Ms"/>
    public double? LatencyP99Ms { get; init; }

    /// <inheritdoc cref="EvaluationRun.Seconds"/>
    public double Seconds { get; init; }

    /// <inheritdoc cref="EvaluationRun.InstanceEditsRequested"/>
    public int? InstanceEditsRequested { get; init; }

    /// <inheritdoc cref="EvaluationRun.InstanceSearches"/>
    public int? InstanceSearches { get; init; }

    /// <inheritdoc cref="EvaluationRun.InstanceRecallAt1"/>
    public double? InstanceRecallAt1 { get; init; }

    /// <inheritdoc cref="EvaluationRun.InstanceRecallAt10"/>
    public double? InstanceRecallAt10 { get; init; }

    /// <inheritdoc cref="EvaluationRun.InstanceMrr"/>
    public double? InstanceMrr { get; init; }

    /// <inheritdoc cref="EvaluationRun.InstanceNotMeasuredReason"/>
    public string? InstanceNotMeasuredReason { get; init; }

    /// <summary>The view of <paramref name="run"/>'s row (its categories and stored JSON are not read).</summary>
    public static EvaluationRunView Of(EvaluationRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new()
        {
            Id = run.Id,
            Status = run.Status,
            ModelId = run.ModelId,
            RequestedIndexBuildId = run.RequestedIndexBuildId,
            K = run.K,
            QueryLimit = run.QueryLimit,
            StartedAt = run.StartedAt,
            FinishedAt = run.FinishedAt,
            Error = run.Error,
            QuerySplit = run.QuerySplit,
            GallerySplit = run.GallerySplit,
            LeaveOneOut = run.LeaveOneOut,
            QueriesWithoutVector = run.QueriesWithoutVector,
            GalleryWithoutVector = run.GalleryWithoutVector,
            Metric = run.Metric,
            Queries = run.Queries,
            QueriesAvailable = run.QueriesAvailable,
            Seed = run.Seed,
            Gallery = run.Gallery,
            PrecisionAt1 = run.PrecisionAt1,
            PrecisionAt5 = run.PrecisionAt5,
            PrecisionAt10 = run.PrecisionAt10,
            PrecisionAtK = run.PrecisionAtK,
            MapAtK = run.MapAtK,
            IndexBuildId = run.IndexBuildId,
            AnnIndex = run.AnnIndex,
            AnnNotMeasuredReason = run.AnnNotMeasuredReason,
            AnnRecallAtK = run.AnnRecallAtK,
            LatencyP50Ms = run.LatencyP50Ms,
            LatencyP95Ms = run.LatencyP95Ms,
            LatencyP99Ms = run.LatencyP99Ms,
            Seconds = run.Seconds,
            InstanceEditsRequested = run.InstanceEditsRequested,
            InstanceSearches = run.InstanceSearches,
            InstanceRecallAt1 = run.InstanceRecallAt1,
            InstanceRecallAt10 = run.InstanceRecallAt10,
            InstanceMrr = run.InstanceMrr,
            InstanceNotMeasuredReason = run.InstanceNotMeasuredReason,
        };
    }
}
