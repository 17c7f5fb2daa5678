namespace VisualRecSys.Engine.Index;

/// <summary>One search result.</summary>
/// <param name="Id">The id of the matched vector.</param>
/// <param name="Score">
/// Higher is better, whatever the metric: <see cref="DistanceMetric.Angular"/> gives the cosine similarity,
/// <see cref="DistanceMetric.Dot"/> the dot product, <see cref="DistanceMetric.Euclidean"/> the negative
/// Euclidean distance.
/// </param>
public readonly record struct SearchHit(int Id, float Score);
