using VisualRecSys.Engine.Embedding;

namespace VisualRecSys.Engine.Recommend;

/// <summary>
/// An image was to be embedded with a model that has only imported vectors (<see cref="VectorsOnlyModels"/>). The message
/// says so and what would give the model a pipeline; it is a refusal, not a failure.
/// </summary>
public sealed class NoImagePipelineException : NotSupportedException
{
    /// <summary>Refuses embedding with <paramref name="modelId"/>.</summary>
    public NoImagePipelineException(string modelId)
        : base($"Model {modelId} was imported as vectors and has no image pipeline, so photos cannot be searched with it "
            + $"(similar items still work); register its ONNX file under {EmbeddingOptions.SectionName}:{nameof(EmbeddingOptions.Models)}:{modelId}, "
            + $"make it {EmbeddingOptions.SectionName}:{nameof(EmbeddingOptions.Model)}, then import its vectors again and build the index.")
    {
        ModelId = modelId;
    }

    /// <summary>The vectors-only model.</summary>
    public string ModelId { get; }
}
