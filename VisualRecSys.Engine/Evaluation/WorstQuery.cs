using System.Text.Json.Serialization;

namespace VisualRecSys.Engine.Evaluation;

/// <summary>One query and what it found, to see why it did badly.</summary>
public sealed record WorstQuery
{
    /// <summary>The query's id.</summary>
    [JsonPropertyName("id")]
    public required int Id { get; init; }

    /// <summary>Its precision@k.</summary>
    [JsonPropertyName("precision_at_k")]
    public required double PrecisionAtK { get; init; }

    /// <summary>Its average precision@k.</summary>
    [JsonPropertyName("average_precision_at_k")]
    public required double AveragePrecisionAtK { get; init; }

    /// <summary>Its k nearest gallery items by exact search, best first.</summary>
    [JsonPropertyName("neighbours")]
    public required IReadOnlyList<ReportedNeighbour> Neighbours { get; init; }
}
