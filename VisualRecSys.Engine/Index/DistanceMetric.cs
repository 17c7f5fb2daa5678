namespace VisualRecSys.Engine.Index;

/// <summary>How an index compares vectors. Every metric reports a higher-is-better <see cref="SearchHit.Score"/>.</summary>
public enum DistanceMetric
{
    /// <summary>Cosine similarity in [-1, 1]; a zero vector has similarity 0 to everything.</summary>
    Angular,

    /// <summary>Negative Euclidean distance (0 for identical vectors, more negative when farther apart).</summary>
    Euclidean,

    /// <summary>Raw dot product.</summary>
    Dot,
}
