using System.Text.Json.Serialization;

namespace VisualRecSys.Engine.Evaluation;

/// <summary>The figures of one category: means over its queries, all 0 when it has none.</summary>
public sealed record CategoryReport
{
    /// <summary>The category's name.</summary>
    [JsonPropertyName("category")]
    public required string Category { get; init; }

    /// <summary>Its queries evaluated.</summary>
    [JsonPropertyName("queries")]
    public required int Queries { get; init; }

    /// <summary>Its items in the gallery (what its queries can find).</summary>
    [JsonPropertyName("gallery")]
    public required int Gallery { get; init; }

    /// <summary>Mean precision@k.</summary>
    [JsonPropertyName("precision_at_k")]
    public required double PrecisionAtK { get; init; }

    /// <summary>Mean precision@1.</summary>
    [JsonPropertyName("precision_at_1")]
    public required double PrecisionAt1 { get; init; }

    /// <summary>Mean precision@5.</summary>
    [JsonPropertyName("precision_at_5")]
    public required double PrecisionAt5 { get; init; }

    /// <summary>Mean precision@10.</summary>
    [JsonPropertyName("precision_at_10")]
    public required double PrecisionAt10 { get; init; }

    /// <summary>Mean average precision@k.</summary>
    [JsonPropertyName("map_at_k")]
    public required double MapAtK { get; init; }

    /// <summary>Mean ANN recall@k; null without an approximate index.</summary>
    [JsonPropertyName("ann_recall_at_k")]
    public required double? AnnRecallAtK { get; init; }

    /// <summary>Instance searches made from the category's products; null without an instance evaluation.</summary>
    [JsonPropertyName("instance_searches")]
    public int? InstanceSearches { get; init; }

    /// <summary>Share of them whose first result was the original; null without an instance evaluation.</summary>
    [JsonPropertyName("instance_recall_at_1")]
    public double? InstanceRecallAt1 { get; init; }

    /// <summary>Share of them with the original among the first 10 results; null without an instance evaluation.</summary>
    [JsonPropertyName("instance_recall_at_10")]
    public double? InstanceRecallAt10 { get; init; }
}
