using System.Text.Json.Serialization;

namespace VisualRecSys.Engine.Evaluation;

/// <summary>The queries of one category that did worst: lowest precision@k, then lowest average precision, then id.</summary>
public sealed record WorstQueries
{
    /// <summary>The category's name.</summary>
    [JsonPropertyName("category")]
    public required string Category { get; init; }

    /// <summary>At most <see cref="RetrievalEvaluator.WorstQueriesPerCategory"/>, worst first; empty for a category without queries.</summary>
    [JsonPropertyName("queries")]
    public required IReadOnlyList<WorstQuery> Queries { get; init; }
}
