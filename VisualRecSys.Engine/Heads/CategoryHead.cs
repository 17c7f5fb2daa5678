using System.Numerics.Tensors;

namespace VisualRecSys.Engine.Heads;

/// <summary>
/// A trained head on a backbone model: together they are a model of their own, whose <see cref="Id"/>
/// (<c>&lt;backbone id&gt;.head-&lt;12 hex digits of the file's checksum&gt;</c>) names its embeddings, index builds and
/// evaluations. An image's embedding is the chosen layer of the head on the backbone's vector, summed with the same for
/// the mirrored image when <see cref="MirrorAtQuery"/>, then scaled to unit length. With a <see cref="BackboneShare"/>
/// above 0 the embedding is fused: the backbone's own unit vector and that head output, side by side, weighted so that
/// the cosine of two embeddings is share × the backbones' cosine + (1 − share) × the heads' cosine. The head sorts by
/// kind; the backbone keeps what makes two images look alike (a head alone encodes the category and little else).
/// </summary>
public sealed class CategoryHead
{
    /// <summary>What separates the backbone id from the head's hash in a head model id.</summary>
    public const string IdMarker = ".head-";

    internal CategoryHead(string id, string backboneModelId, IReadOnlyList<string> categories, HeadNetwork network,
        HeadLayer embeddingLayer, bool mirrorAtQuery, DateTimeOffset created, HeadTrainingSummary training, float backboneShare)
    {
        if (!(backboneShare >= 0 && backboneShare < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(backboneShare), backboneShare, "The backbone's share must be at least 0 and below 1.");
        }

        Id = id;
        BackboneModelId = backboneModelId;
        Categories = categories;
        Network = network;
        EmbeddingLayer = embeddingLayer;
        MirrorAtQuery = mirrorAtQuery;
        Created = created;
        Training = training;
        BackboneShare = backboneShare;
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

    /// <summary>
    /// The share of the backbone's cosine in this model's similarity, 0 to below 1: 0 embeds with the head's layer alone;
    /// above 0 the embedding is the backbone's unit vector (of the image itself, not its mirror image) times √share, then
    /// the head's unit output times √(1 − share).
    /// </summary>
    public float BackboneShare { get; }

    /// <summary>Whether the embedding carries the backbone's vector beside the head's output.</summary>
    public bool IsFused => BackboneShare > 0;

    /// <summary>Floats the head's layer contributes.</summary>
    public int HeadDimension => Network.DimensionOf(EmbeddingLayer);

    /// <summary>Floats per embedding.</summary>
    public int Dimension => (IsFused ? Network.InputDimension : 0) + HeadDimension;

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
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="backboneShare"/> is not in [0, 1).</exception>
    public static CategoryHead Create(string backboneModelId, IReadOnlyList<string> categories, HeadNetwork network, HeadLayer embeddingLayer,
        bool mirrorAtQuery, HeadTrainingSummary training, DateTimeOffset? created = null, float backboneShare = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(backboneModelId);
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(network);
        if (categories.Count != network.Classes)
        {
            throw new ArgumentException($"The network has {network.Classes} outputs for {categories.Count} categories.", nameof(categories));
        }

        var draft = new CategoryHead("", backboneModelId, categories, network, embeddingLayer, mirrorAtQuery, created ?? DateTimeOffset.UtcNow, training, backboneShare);
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
        if (!IsFused)
        {
            EmbedHead(vectors, mirrored, count, destination[..(count * HeadDimension)], workspace);
            return;
        }

        var head = workspace.FusedHeadOutput(count * HeadDimension);
        EmbedHead(vectors, mirrored, count, head, workspace);
        var inputs = Network.InputDimension;
        var dimension = Dimension;
        var backboneWeight = MathF.Sqrt(BackboneShare);
        var headWeight = MathF.Sqrt(1 - BackboneShare);
        for (var r = 0; r < count; r++)
        {
            var row = destination.Slice(r * dimension, dimension);
            var backbone = vectors.Slice(r * inputs, inputs);
            var norm = TensorPrimitives.Norm(backbone);
            TensorPrimitives.Multiply(backbone, norm > 0 ? backboneWeight / norm : 0, row[..inputs]);
            TensorPrimitives.Multiply(head.Slice(r * HeadDimension, HeadDimension), headWeight, row[inputs..]);
        }
    }

    /// <summary>The head with another <see cref="BackboneShare"/> (a model of its own, with its own id).</summary>
    public CategoryHead WithBackboneShare(float backboneShare) =>
        Create(BackboneModelId, Categories, Network, EmbeddingLayer, MirrorAtQuery, Training, Created, backboneShare);

    /// <summary>The head's layer for each row (with the mirror image's when <see cref="MirrorAtQuery"/>), unit length.</summary>
    private void EmbedHead(ReadOnlySpan<float> vectors, ReadOnlySpan<float> mirrored, int count, Span<float> output, HeadWorkspace workspace)
    {
        var dimension = HeadDimension;
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
        new(id, BackboneModelId, Categories, Network, EmbeddingLayer, MirrorAtQuery, Created, Training, BackboneShare);
}
