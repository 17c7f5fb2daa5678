using System.Text.Json.Serialization;
using VisualRecSys.Engine.Evaluation.Instance;

namespace VisualRecSys.Engine.Evaluation;

/// <summary>
/// The result of <see cref="RetrievalEvaluator.Evaluate"/>: plain data with fixed snake_case JSON names (whatever the
/// serializer's options), to be written to a file, kept in the database and shown on a dashboard. Overall figures are
/// means over queries; ANN figures are null when no approximate index was measured.
/// </summary>
public sealed record EvaluationReport
{
    /// <summary>The model whose vectors were evaluated.</summary>
    [JsonPropertyName("model")]
    public required string Model { get; init; }

    /// <summary>How the exact search ranked (<c>angular</c>, <c>euclidean</c> or <c>dot</c>).</summary>
    [JsonPropertyName("metric")]
    public required string Metric { get; init; }

    /// <summary>Neighbours per query.</summary>
    [JsonPropertyName("k")]
    public required int K { get; init; }

    /// <summary>Queries evaluated (the sample, when limited).</summary>
    [JsonPropertyName("queries")]
    public required int Queries { get; init; }

    /// <summary>Queries there were before sampling.</summary>
    [JsonPropertyName("queries_available")]
    public required int QueriesAvailable { get; init; }

    /// <summary>Seed of the query sample.</summary>
    [JsonPropertyName("seed")]
    public required int Seed { get; init; }

    /// <summary>Items searched.</summary>
    [JsonPropertyName("gallery")]
    public required int Gallery { get; init; }

    /// <summary>Mean precision@<see cref="K"/>.</summary>
    [JsonPropertyName("precision_at_k")]
    public required double PrecisionAtK { get; init; }

    /// <summary>Mean precision@1: how often the nearest neighbour has the query's category.</summary>
    [JsonPropertyName("precision_at_1")]
    public required double PrecisionAt1 { get; init; }

    /// <summary>Mean precision@5.</summary>
    [JsonPropertyName("precision_at_5")]
    public required double PrecisionAt5 { get; init; }

    /// <summary>Mean precision@10.</summary>
    [JsonPropertyName("precision_at_10")]
    public required double PrecisionAt10 { get; init; }

    /// <summary>Mean average precision@<see cref="K"/>.</summary>
    [JsonPropertyName("map_at_k")]
    public required double MapAtK { get; init; }

    /// <summary>Mean share of the exact top k the approximate index found; null without one.</summary>
    [JsonPropertyName("ann_recall_at_k")]
    public required double? AnnRecallAtK { get; init; }

    /// <summary>Latency of one approximate search, in milliseconds; null without an approximate index.</summary>
    [JsonPropertyName("latency_ms")]
    public required LatencyPercentiles? LatencyMs { get; init; }

    /// <summary>What approximate index was measured; null without one.</summary>
    [JsonPropertyName("ann_index")]
    public required string? AnnIndex { get; init; }

    /// <summary>Every category, in the order of <see cref="Confusion"/>'s, including those without queries.</summary>
    [JsonPropertyName("per_category")]
    public required IReadOnlyList<CategoryReport> PerCategory { get; init; }

    /// <summary>Neighbour categories per query category.</summary>
    [JsonPropertyName("confusion")]
    public required ConfusionReport Confusion { get; init; }

    /// <summary>Per category (in the same order), its queries with the lowest precision@k.</summary>
    [JsonPropertyName("worst_queries")]
    public required IReadOnlyList<WorstQueries> WorstQueries { get; init; }

    /// <summary>Wall-clock seconds the evaluation took (the instance evaluation's are in its own report).</summary>
    [JsonPropertyName("seconds")]
    public required double Seconds { get; init; }

    /// <summary>
    /// The second ground truth: whether products photographed again find themselves. Null when it was not measured
    /// (the per-category instance figures are null too).
    /// </summary>
    [JsonPropertyName("instance")]
    public InstanceReport? Instance { get; init; }

    /// <summary>This report with <paramref name="instance"/>'s figures added, overall and to each category.</summary>
    /// <exception cref="ArgumentException">The instance evaluation has another number of categories.</exception>
    public EvaluationReport WithInstance(InstanceEvaluation instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (instance.PerCategory.Count != PerCategory.Count)
        {
            throw new ArgumentException($"The instance evaluation has {instance.PerCategory.Count} categories; this report {PerCategory.Count}.", nameof(instance));
        }

        return this with
        {
            Instance = instance.Report,
            PerCategory = [.. PerCategory.Select((c, i) => c with
            {
                InstanceSearches = instance.PerCategory[i].Searches,
                InstanceRecallAt1 = instance.PerCategory[i].RecallAt1,
                InstanceRecallAt10 = instance.PerCategory[i].RecallAt10,
            })],
        };
    }

    /// <summary>
    /// The overall figures in a category's shape (named <paramref name="name"/>), for tables that show the overall row
    /// beside the categories' rows. Not serialized: the report's JSON keeps its overall figures at the top level.
    /// </summary>
    public CategoryReport Overall(string name = "overall") => new()
    {
        Category = name,
        Queries = Queries,
        Gallery = Gallery,
        PrecisionAtK = PrecisionAtK,
        PrecisionAt1 = PrecisionAt1,
        PrecisionAt5 = PrecisionAt5,
        PrecisionAt10 = PrecisionAt10,
        MapAtK = MapAtK,
        AnnRecallAtK = AnnRecallAtK,
        InstanceSearches = Instance?.Searches,
        InstanceRecallAt1 = Instance?.RecallAt1,
        InstanceRecallAt10 = Instance?.RecallAt10,
    };
}
