using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Engine.Recommend;

/// <summary>
/// Models known only by their vectors: an embedding store under a model id that is neither a registered model's id nor a
/// head's, as <c>import vectors --model NAME</c> (or another tool) leaves. Their products can be indexed and searched by
/// product, but no image can be embedded with them, so photo search is refused (<see cref="VectorsOnlyEmbedder"/>).
/// </summary>
/// <remarks>
/// Derived from what is on disk and in the configuration rather than recorded: the one thing that decides whether a model
/// has an image pipeline is the registry, so a model id the registry comes to know is no longer vectors-only.
/// </remarks>
/// <param name="embeddingsDirectory">Where the embedding stores are.</param>
/// <param name="registry">The models with an image pipeline.</param>
public sealed class VectorsOnlyModels(string embeddingsDirectory, EmbeddingModelRegistry registry)
{
    /// <summary>
    /// The dimension of <paramref name="modelId"/>'s stored vectors when it is a vectors-only model; null when it is a
    /// registered model, a head, a derived store, or has no store.
    /// </summary>
    /// <exception cref="InvalidDataException">Its store's header is damaged.</exception>
    public int? DimensionOf(string? modelId)
    {
        if (!Models.ModelId.TryParse(modelId, out var id) || id.IsHead || id.IsDerivedStore || IsRegisteredId(modelId))
        {
            return null;
        }

        // The header alone: opening the store checks every block (4 GB at 2M × 512, seconds at each start).
        return EmbeddingStoreReader.TryReadHeader(embeddingsDirectory, modelId)?.Dimension;
    }

    /// <summary>Whether <paramref name="modelId"/> is a vectors-only model.</summary>
    public bool Contains(string? modelId) => DimensionOf(modelId) is not null;

    private bool IsRegisteredId(string modelId)
    {
        try
        {
            // A registered model's vectors are stored under its id (name and content hash), never under its bare name.
            return registry.Get(modelId).Id == modelId;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (FileNotFoundException)
        {
            // The built-in model's files are missing: an id of the form resnet18-<hash> is still that model's.
            return true;
        }
    }
}
