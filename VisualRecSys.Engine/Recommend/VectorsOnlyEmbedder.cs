using VisualRecSys.Engine.Embedding;

namespace VisualRecSys.Engine.Recommend;

/// <summary>
/// Stands for a vectors-only model (<see cref="VectorsOnlyModels"/>) where an embedder is expected: the served model is
/// then known (its id and dimension, for product-to-product search and the status page) while every attempt to embed an
/// image is refused with <see cref="NoImagePipelineException"/> instead of reaching the wrong model.
/// </summary>
public sealed class VectorsOnlyEmbedder : IImageEmbedder
{
    private static readonly ExecutionProviderInfo s_none = new("none", "vectors imported; no image pipeline");

    /// <summary>Stands for model <paramref name="modelId"/> of <paramref name="dimension"/>-dimensional vectors.</summary>
    public VectorsOnlyEmbedder(string modelId, int dimension)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ModelId = modelId;
        Dimension = dimension;
    }

    /// <inheritdoc/>
    public string ModelId { get; }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    public ExecutionProviderInfo Provider => s_none;

    /// <inheritdoc/>
    /// <exception cref="NoImagePipelineException">Always.</exception>
    public void Embed(ReadOnlySpan<byte> encodedImage, Span<float> destination) => throw new NoImagePipelineException(ModelId);

    /// <inheritdoc/>
    /// <exception cref="NoImagePipelineException">Always.</exception>
    public void Embed(ReadOnlySpan<byte> encodedImage, CropRegion region, Span<float> destination) => throw new NoImagePipelineException(ModelId);

    /// <inheritdoc/>
    /// <exception cref="NoImagePipelineException">Always.</exception>
    public void EmbedBatch(IReadOnlyList<ReadOnlyMemory<byte>> encodedImages, Span<float> destination) => throw new NoImagePipelineException(ModelId);
}
