namespace VisualRecSys.Data;

/// <summary>
/// One retrieval-quality evaluation of a model's vectors (and optionally of an index build) on the catalog's splits:
/// its parameters, its status and, once completed, its figures. Kept so that runs can be compared side by side.
/// </summary>
/// <remarks>
/// The figures are those of the engine's evaluation report: overall means here, per category in <see cref="Categories"/>,
/// and the confusion counts and worst queries as the report's own JSON (the data layer does not interpret them).
/// Overall figures are 0 until the run is <see cref="EvaluationRunStatus.Completed"/>.
/// </remarks>
public sealed class EvaluationRun
{
    /// <summary>Database-generated identifier.</summary>
    public int Id { get; set; }

    /// <summary>Where the run stands (stored as <c>"running"</c>, <c>"completed"</c> or <c>"failed"</c>).</summary>
    public required EvaluationRunStatus Status { get; set; }

    /// <summary>The model whose stored vectors are evaluated.</summary>
    public required string ModelId { get; set; }

    /// <summary>The index build asked to be measured, or <see langword="null"/> when none was chosen.</summary>
    public int? RequestedIndexBuildId { get; set; }

    /// <summary>Neighbours per query.</summary>
    public int K { get; set; }

    /// <summary>The size of the seeded query sample, or <see langword="null"/> for all queries.</summary>
    public int? QueryLimit { get; set; }

    /// <summary>When the run started.</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>When it completed or failed; <see langword="null"/> while running.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Why it failed, when <see cref="Status"/> is <see cref="EvaluationRunStatus.Failed"/>.</summary>
    public string? Error { get; set; }

    /// <summary>The split the queries came from (<c>test</c>, <c>query</c>, or the gallery's split when queried leave-one-out).</summary>
    public string? QuerySplit { get; set; }

    /// <summary>The split searched (<c>train</c> or <c>catalog</c>).</summary>
    public string? GallerySplit { get; set; }

    /// <summary>Whether the gallery was queried with its own products, each left out of its own results (no held-out queries).</summary>
    public bool LeaveOneOut { get; set; }

    /// <summary>Products of the query split left out for want of a vector.</summary>
    public int QueriesWithoutVector { get; set; }

    /// <summary>Products of the gallery split left out for want of a vector.</summary>
    public int GalleryWithoutVector { get; set; }

    /// <summary>How the exact search ranked (<c>angular</c>, <c>euclidean</c> or <c>dot</c>).</summary>
    public string? Metric { get; set; }

    /// <summary>Queries evaluated (the sample, when limited).</summary>
    public int Queries { get; set; }

    /// <summary>Queries there were before sampling.</summary>
    public int QueriesAvailable { get; set; }

    /// <summary>Seed of the query sample.</summary>
    public int Seed { get; set; }

    /// <summary>Items searched.</summary>
    public int Gallery { get; set; }

    /// <summary>Mean precision@1.</summary>
    public double PrecisionAt1 { get; set; }

    /// <summary>Mean precision@5.</summary>
    public double PrecisionAt5 { get; set; }

    /// <summary>Mean precision@10.</summary>
    public double PrecisionAt10 { get; set; }

    /// <summary>Mean precision@<see cref="K"/>.</summary>
    public double PrecisionAtK { get; set; }

    /// <summary>Mean average precision@<see cref="K"/>.</summary>
    public double MapAtK { get; set; }

    /// <summary>The index build whose approximate search was measured, or <see langword="null"/>.</summary>
    public int? IndexBuildId { get; set; }

    /// <summary>What approximate index was measured (e.g. <c>forest, 100 trees, search_k 1000</c>); <see langword="null"/> without one.</summary>
    public string? AnnIndex { get; set; }

    /// <summary>Why no approximate index was measured; <see langword="null"/> when one was.</summary>
    public string? AnnNotMeasuredReason { get; set; }

    /// <summary>Mean share of the exact top k the approximate index found; <see langword="null"/> without one.</summary>
    public double? AnnRecallAtK { get; set; }

    /// <summary>Median latency of one approximate search, in milliseconds.</summary>
    public double? LatencyP50Ms { get; set; }

    /// <summary>95th percentile latency, in milliseconds.</summary>
    public double? LatencyP95Ms { get; set; }

    /// <summary>99th percentile latency, in milliseconds.</summary>
    public double? LatencyP99Ms { get; set; }

    /// <summary>Wall-clock seconds the evaluation took.</summary>
    public double Seconds { get; set; }

    /// <summary>Edited copies per product asked for the instance evaluation; <see langword="null"/> when none was asked for.</summary>
    public int? InstanceEditsRequested { get; set; }

    /// <summary>Searches of the instance evaluation (products × copies, or query images); <see langword="null"/> without one.</summary>
    public int? InstanceSearches { get; set; }

    /// <summary>Share of instance searches whose first result was the original (or an image of the same item).</summary>
    public double? InstanceRecallAt1 { get; set; }

    /// <summary>Share of instance searches with the original among the first 10 results.</summary>
    public double? InstanceRecallAt10 { get; set; }

    /// <summary>Mean reciprocal rank of the original.</summary>
    public double? InstanceMrr { get; set; }

    /// <summary>Why no instance figures were measured (not asked for, no image pipeline for the model, ...); <see langword="null"/> when they were.</summary>
    public string? InstanceNotMeasuredReason { get; set; }

    /// <summary>The report's <c>instance</c> object as JSON (ground truth, per edit, lost originals).</summary>
    public string? InstanceJson { get; set; }

    /// <summary>The report's <c>confusion</c> object as JSON (<c>{ categories, counts }</c>).</summary>
    public string? ConfusionJson { get; set; }

    /// <summary>The report's <c>worst_queries</c> array as JSON.</summary>
    public string? WorstQueriesJson { get; set; }

    /// <summary>The figures of every category, in the report's order (loaded only when included in a query).</summary>
    public List<EvaluationCategoryResult> Categories { get; } = [];
}
