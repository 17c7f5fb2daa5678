using System.Text.Json.Serialization;

namespace VisualRecSys.Engine.Evaluation.Instance;

/// <summary>What says which gallery items an instance query must find.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InstanceGroundTruth>))]
public enum InstanceGroundTruth
{
    /// <summary>Edited copies of gallery products (<see cref="ImageEdits"/>): each must find its original.</summary>
    [JsonStringEnumMemberName("edits")]
    Edits,

    /// <summary>A data set's own photographs of one item (DeepFashion In-shop): a query image must find a gallery image of its item.</summary>
    [JsonStringEnumMemberName("item_ids")]
    ItemIds,
}

/// <summary>
/// Instance retrieval, the second ground truth of an evaluation: how often a product photographed again finds itself.
/// Each search ranks the whole gallery exactly; its rank is that of the first relevant item, a tie counting against it.
/// Plain data with fixed snake_case JSON names, like <see cref="EvaluationReport"/>.
/// </summary>
public sealed record InstanceReport
{
    /// <summary>Which ground truth the figures use.</summary>
    [JsonPropertyName("ground_truth")]
    public required InstanceGroundTruth GroundTruth { get; init; }

    /// <summary>Products whose copies were searched with (edits), or query images (item ids).</summary>
    [JsonPropertyName("queries")]
    public required int Queries { get; init; }

    /// <summary>Edited copies per product; 0 with item ids.</summary>
    [JsonPropertyName("edits_per_query")]
    public required int EditsPerQuery { get; init; }

    /// <summary>Searches run: <see cref="Queries"/> × <see cref="EditsPerQuery"/> with edits, else <see cref="Queries"/>.</summary>
    [JsonPropertyName("searches")]
    public required int Searches { get; init; }

    /// <summary>Seed of the product sample and of the edits.</summary>
    [JsonPropertyName("seed")]
    public required int Seed { get; init; }

    /// <summary>Share of searches whose first result is relevant.</summary>
    [JsonPropertyName("recall_at_1")]
    public required double RecallAt1 { get; init; }

    /// <summary>Share of searches with a relevant item among the first 10 results.</summary>
    [JsonPropertyName("recall_at_10")]
    public required double RecallAt10 { get; init; }

    /// <summary>Mean reciprocal rank of the first relevant item, counted as 0 beyond <see cref="RankDepth"/>.</summary>
    [JsonPropertyName("mrr")]
    public required double Mrr { get; init; }

    /// <summary>How deep each search is ranked: a relevant item further down counts as not found.</summary>
    [JsonPropertyName("rank_depth")]
    public required int RankDepth { get; init; }

    /// <summary>Figures per edit kind, in <see cref="ImageEditKind"/> order; empty with item ids.</summary>
    [JsonPropertyName("per_edit")]
    public required IReadOnlyList<InstanceEditReport> PerEdit { get; init; }

    /// <summary>Per category (in the evaluation's order), the searches whose original ranked worst.</summary>
    [JsonPropertyName("lost_originals")]
    public required IReadOnlyList<LostOriginals> LostOriginals { get; init; }

    /// <summary>Wall-clock seconds, editing and embedding included.</summary>
    [JsonPropertyName("seconds")]
    public required double Seconds { get; init; }
}

/// <summary>The instance figures of one edit kind.</summary>
public sealed record InstanceEditReport
{
    /// <summary>The edit.</summary>
    [JsonPropertyName("edit")]
    [JsonConverter(typeof(ImageEditKindJsonConverter))]
    public required ImageEditKind Edit { get; init; }

    /// <summary>Searches with copies of this kind.</summary>
    [JsonPropertyName("searches")]
    public required int Searches { get; init; }

    /// <summary>Share whose first result was the original.</summary>
    [JsonPropertyName("recall_at_1")]
    public required double RecallAt1 { get; init; }

    /// <summary>Share with the original among the first 10 results.</summary>
    [JsonPropertyName("recall_at_10")]
    public required double RecallAt10 { get; init; }

    /// <summary>Mean reciprocal rank of the original.</summary>
    [JsonPropertyName("mrr")]
    public required double Mrr { get; init; }
}

/// <summary>The searches of one category whose original ranked worst (not found first, then the lowest rank).</summary>
public sealed record LostOriginals
{
    /// <summary>The category's name.</summary>
    [JsonPropertyName("category")]
    public required string Category { get; init; }

    /// <summary>At most <see cref="InstanceEvaluator.LostOriginalsPerCategory"/>, worst first; only searches that missed rank 1.</summary>
    [JsonPropertyName("searches")]
    public required IReadOnlyList<LostOriginal> Searches { get; init; }
}

/// <summary>One search that did not find its original first: what was searched with, where the original landed, what came first.</summary>
public sealed record LostOriginal
{
    /// <summary>The product the query image came from (the edited original, or the data set's query image).</summary>
    [JsonPropertyName("source")]
    public required int Source { get; init; }

    /// <summary>The edit, or null for a data set's own photograph.</summary>
    [JsonPropertyName("edit")]
    [JsonConverter(typeof(ImageEditKindJsonConverter))]
    public required ImageEditKind? Edit { get; init; }

    /// <summary>The edit's seed: with the source's image it makes the query image again.</summary>
    [JsonPropertyName("edit_seed")]
    public required int EditSeed { get; init; }

    /// <summary>The edit's parameters, for people; empty without an edit.</summary>
    [JsonPropertyName("description")]
    public required string Description { get; init; }

    /// <summary>The rank of the first relevant item, or null when it was not within <see cref="InstanceReport.RankDepth"/>.</summary>
    [JsonPropertyName("rank")]
    public required int? Rank { get; init; }

    /// <summary>The first 10 results, best first.</summary>
    [JsonPropertyName("neighbours")]
    public required IReadOnlyList<ReportedNeighbour> Neighbours { get; init; }
}
