namespace VisualRecSys.Engine.Embedding.Pipeline;

/// <summary>What an embedding run did.</summary>
/// <param name="Embedded">Vectors appended to the store.</param>
/// <param name="Skipped">Images not embedded because the store already had their id.</param>
/// <param name="Failures">Images reported and skipped.</param>
/// <param name="Batches">Model runs.</param>
/// <param name="Elapsed">Wall time of the run.</param>
public sealed record EmbeddingRunResult(int Embedded, int Skipped, IReadOnlyList<ImageFailure> Failures, int Batches, TimeSpan Elapsed)
{
    /// <summary>Images embedded per second.</summary>
    public double ImagesPerSecond => Elapsed > TimeSpan.Zero ? Embedded / Elapsed.TotalSeconds : 0;

    /// <summary>Mean images per model run.</summary>
    public double MeanBatchSize => Batches > 0 ? (double)Embedded / Batches : 0;
}
