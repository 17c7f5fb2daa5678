namespace VisualRecSys.Engine.Embedding.Pipeline;

/// <summary>How far an embedding run is, reported after every model run.</summary>
/// <param name="Done">Images finished: embedded or failed.</param>
/// <param name="Total">Images the run has to do (those already stored are not counted).</param>
/// <param name="Failed">Images reported as unreadable and skipped so far.</param>
/// <param name="ImagesPerSecond">Images finished per second since the run started.</param>
/// <param name="Remaining">Estimated time left at that rate, or null before there is a rate.</param>
public readonly record struct EmbeddingProgress(int Done, int Total, int Failed, double ImagesPerSecond, TimeSpan? Remaining)
{
    /// <summary>Fraction done, 0–1.</summary>
    public double Fraction => Total <= 0 ? 1 : Math.Clamp((double)Done / Total, 0, 1);
}
