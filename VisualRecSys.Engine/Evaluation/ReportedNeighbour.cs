using System.Text.Json.Serialization;

namespace VisualRecSys.Engine.Evaluation;

/// <summary>A neighbour in a report.</summary>
/// <param name="Id">The gallery item's id.</param>
/// <param name="Category">Its category's name.</param>
/// <param name="Score">Its score (higher is better; see <see cref="Index.SearchHit.Score"/>).</param>
public sealed record ReportedNeighbour(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("score")] float Score);
