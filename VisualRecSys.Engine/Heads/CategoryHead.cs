using System.Numerics.Tensors;

namespace VisualRecSys.Engine.Heads;

/// <summary>
/// A trained head on a backbone model: together they are a model of their own, whose <see cref="Id"/>
/// (<c>&lt;backbone id&gt;.head-&lt;12 hex digits of the file's checksum&gt;</c>) names its embeddings, index builds and
/// evaluations. An image's embedding is the chosen layer of the head on the backbone's vector, summed with the same for
/// the mirrored image when <see cref="MirrorAtQuery"/>, then scaled to unit length.
/// </summary>
public sealed class CategoryHead
{
    /// <summary>What separates the backbone id from the head's hash in a head model id.</summary>
    public const string IdMarker = ".head-";

    internal CategoryHead(string id, string backboneModelId, IReadOnlyList<string> categories, HeadNetwork network,
        HeadLayer embeddingLayer, bool mirrorAtQuery, DateTimeOffset created, HeadTrainingSummary training)
    {
        Id = id;
        BackboneModelId = backboneModelId;
        Categories = categories;
        Network = network;
        EmbeddingLayer = embeddingLayer;
        MirrorAtQuery = mirrorAtQuery;
        Created = created;
        Training = training;
    }

    /// <summary>The head model's id.</summary>
    public string Id { get; }

    /// <summary>The model whose vectors the head takes.</summary>
    public string BackboneModelId { get; }

    /// <summary>Category names, in the order of the head's outputs.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>The network.</summary>
    public HeadNetwork Network { get; }

    /// <summary>The layer used as the embedding.</summary>
    public HeadLayer EmbeddingLayer { get; }

    /// <summary>Whether embeddings combine the image and its mirror image (both run through the backbone).</summary>
    public bool MirrorAtQuery { get; }

    /// <summary>When the head was trained.</summary>
    public DateTimeOffset Created { get; }

    /// <summary>How it was trained.</summary>
    public HeadTrainingSummary Training { get; }

    /// <summary>Floats per embedding.</summary>
    public int Dimension => Network.DimensionOf(EmbeddingLayer);

    /// <summary>Whether <paramref name="modelId"/> names a head model.</summary>
    public static bool IsHeadId(string? modelId) => modelId is not null && modelId.Contains(IdMarker, StringComparison.Ordinal);

    /// <summary>The backbone part of a head model id.</summary>
    public static string BackboneOf(string headId)
    {
        ArgumentNullException.ThrowIfNull(headId);
        var at = headId.LastIndexOf(IdMarker, StringComparison.Ordinal);
        return at > 0 ? headId[..at] : throw new ArgumentException($"'{headId}' is not a head model id.", nameof(headId));
    }

    /// <summary>
    /// Makes a head (its id computed from its serialised form) from a trained network.
    /// </summary>
    public static CategoryHead Create(string backboneModelId, IReadOnlyList<string> categories, HeadNetwork network, HeadLayer embeddingLayer,
        bool mirrorAtQuery, HeadTrainingSummary training, DateTimeOffset? created = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(backboneModelId);
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(network);
        if (categories.Count != network.Classes)
        {
            throw new ArgumentException($"The network has {network.Classes} outputs for {categories.Count} categories.", nameof(categories));
        }

        var draft = new CategoryHead("", backboneModelId, categories, network, embeddingLayer, mirrorAtQuery, created ?? DateTimeOffset.UtcNow, training);
        var (_, checksum) = HeadFile.Serialize(draft);
        return draft.WithId(HeadFile.IdFor(backboneModelId, checksum));
    }

    /// <summary>
    /// Embeds <paramref name="count"/> backbone vectors (and their mirror images' when <see cref="MirrorAtQuery"/>):
    /// <paramref name="destination"/> receives count × <see cref="Dimension"/> unit-length floats.
    /// </summary>
    /// <param name="vectors">count × backbone dimension.</param>
    /// <param name="mirrored">The mirror images' backbone vectors (same shape), required when <see cref="MirrorAtQuery"/>, else ignored.</param>
    /// <param name="count">Rows.</param>
    /// <param name="destination">Receives the embeddings.</param>
    /// <param name="workspace">Working memory of the calling thread.</param>
    public void Embed(ReadOnlySpan<float> vectors, ReadOnlySpan<float> mirrored, int count, Span<float> destination, HeadWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var dimension = Dimension;
        var output = destination[..(count * dimension)];
        Network.Represent(vectors, count, EmbeddingLayer, output, workspace);
        if (MirrorAtQuery)
        {
            if (mirrored.Length < count * Network.InputDimension)
            {
                throw new ArgumentException("This head combines each image with its mirror image: the mirrored vectors are needed.", nameof(mirrored));
            }

            var other = workspace.SecondView(count * dimension);
            Network.Represent(mirrored, count, EmbeddingLayer, other, workspace);
            TensorPrimitives.Add(output, other, output);
        }

        for (var r = 0; r < count; r++)
        {
            var row = output.Slice(r * dimension, dimension);
            var norm = TensorPrimitives.Norm(row);
            if (norm > 0)
            {
                TensorPrimitives.Divide(row, norm, row);
            }
        }
    }

    internal CategoryHead WithId(string id) =>
        new(id, BackboneModelId, Categories, Network, EmbeddingLayer, MirrorAtQuery, Created, Training);
}
