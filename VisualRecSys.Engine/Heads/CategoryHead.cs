using System.Numerics.Tensors;
using VisualRecSys.Engine.Models;

namespace VisualRecSys.Engine.Heads;

/// <summary>
/// A trained head on a backbone model: together they are a model of their own, whose <see cref="Id"/>
/// (<c>&lt;backbone id&gt;.head-&lt;12 hex digits of the file's checksum&gt;</c>, read by <see cref="ModelId"/>) names its embeddings, index builds and
/// evaluations. The head is one network or several trained alike from different seeds (<see cref="Members"/>, an
/// ensemble whose class scores are averaged). An image's head output is the chosen layer on the backbone's vector, summed
/// with the same for the mirrored image when <see cref="MirrorAtQuery"/>, then scaled to unit length; with a
/// <see cref="Fusion"/> share above 0 the backbone's own (whitened) vector goes beside it, so that neighbours look alike
/// first and are of the same kind second (a head alone encodes the category and little else).
/// </summary>
public sealed class CategoryHead
{
    internal CategoryHead(string id, string backboneModelId, IReadOnlyList<string> categories, IReadOnlyList<HeadNetwork> members,
        HeadLayer embeddingLayer, bool mirrorAtQuery, DateTimeOffset created, HeadTrainingSummary training, HeadFusion fusion,
        ClassCalibration calibration)
    {
        if (members.Count == 0)
        {
            throw new ArgumentException("A head needs at least one network.", nameof(members));
        }

        if (members.Count > 1 && embeddingLayer is HeadLayer.Hidden or HeadLayer.HiddenPreActivation)
        {
            // The hidden units of networks trained apart mean different things: only class scores can be averaged.
            throw new ArgumentException("An ensemble of networks can only embed with a class layer.", nameof(embeddingLayer));
        }

        foreach (var member in members)
        {
            if (member.InputDimension != members[0].InputDimension || member.Classes != members[0].Classes)
            {
                throw new ArgumentException("The networks of an ensemble must take the same backbone and have the same categories.", nameof(members));
            }
        }

        fusion.Validate(members[0].InputDimension);
        if (calibration.Offsets.Length is not 0 && calibration.Offsets.Length != members[0].Classes)
        {
            throw new ArgumentException($"{calibration.Offsets.Length} class offsets for {members[0].Classes} categories.", nameof(calibration));
        }

        Id = id;
        BackboneModelId = backboneModelId;
        Categories = categories;
        Members = members;
        EmbeddingLayer = embeddingLayer;
        MirrorAtQuery = mirrorAtQuery;
        Created = created;
        Training = training;
        Fusion = fusion;
        Calibration = calibration;
    }

    /// <summary>The head model's id.</summary>
    public string Id { get; }

    /// <summary>The model whose vectors the head takes.</summary>
    public string BackboneModelId { get; }

    /// <summary>Category names, in the order of the head's outputs.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>The networks: one, or an ensemble whose class scores are averaged.</summary>
    public IReadOnlyList<HeadNetwork> Members { get; }

    /// <summary>The first network (the only one unless the head is an ensemble).</summary>
    public HeadNetwork Network => Members[0];

    /// <summary>The layer used as the embedding.</summary>
    public HeadLayer EmbeddingLayer { get; }

    /// <summary>Whether embeddings combine the image and its mirror image (both run through the backbone).</summary>
    public bool MirrorAtQuery { get; }

    /// <summary>When the head was trained.</summary>
    public DateTimeOffset Created { get; }

    /// <summary>How it was trained.</summary>
    public HeadTrainingSummary Training { get; }

    /// <summary>How the backbone's own vector joins the head's output (<see cref="HeadFusion.None"/>: it does not).</summary>
    public HeadFusion Fusion { get; }

    /// <summary>How class scores become probabilities (offsets, temperature) for the probability layers.</summary>
    public ClassCalibration Calibration { get; }

    /// <summary>The share of the backbone's (instance) cosine in this model's similarity; 0 when not fused.</summary>
    public float BackboneShare => Fusion.Share;

    /// <summary>Whether the embedding carries the backbone's vector beside the head's output.</summary>
    public bool IsFused => Fusion.IsFused;

    /// <summary>Floats the head's layer contributes.</summary>
    public int HeadDimension => Network.DimensionOf(EmbeddingLayer);

    /// <summary>Floats per embedding.</summary>
    public int Dimension => Fusion.DimensionFor(Network.InputDimension) + HeadDimension;

    /// <summary>Makes a head of one network (its id computed from its serialised form).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="backboneShare"/> is not in [0, 1).</exception>
    public static CategoryHead Create(string backboneModelId, IReadOnlyList<string> categories, HeadNetwork network, HeadLayer embeddingLayer,
        bool mirrorAtQuery, HeadTrainingSummary training, DateTimeOffset? created = null, float backboneShare = 0) =>
        Create(backboneModelId, categories, [network], embeddingLayer, mirrorAtQuery, training, new HeadFusion(backboneShare, null), created: created);

    /// <summary>Makes a head of one or more networks with a fusion (its id computed from its serialised form).</summary>
    /// <exception cref="ArgumentException">The networks disagree, or the fusion does not fit them.</exception>
    public static CategoryHead Create(string backboneModelId, IReadOnlyList<string> categories, IReadOnlyList<HeadNetwork> members,
        HeadLayer embeddingLayer, bool mirrorAtQuery, HeadTrainingSummary training, HeadFusion fusion, ClassCalibration? calibration = null,
        DateTimeOffset? created = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(backboneModelId);
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(fusion);
        if (members.Count > 0 && categories.Count != members[0].Classes)
        {
            throw new ArgumentException($"The network has {members[0].Classes} outputs for {categories.Count} categories.", nameof(categories));
        }

        var draft = new CategoryHead("", backboneModelId, categories, members, embeddingLayer, mirrorAtQuery, created ?? DateTimeOffset.UtcNow, training, fusion,
            calibration ?? ClassCalibration.None);
        var (_, checksum) = HeadFile.Serialize(draft);
        return draft.WithId(HeadFile.IdFor(backboneModelId, checksum));
    }

    /// <summary>The head with another share of the backbone's cosine and the same whitening (a model of its own, with its own id).</summary>
    public CategoryHead WithBackboneShare(float backboneShare) => WithFusion(new HeadFusion(backboneShare, Fusion.Whitening));

    /// <summary>The head with another fusion (a model of its own, with its own id).</summary>
    public CategoryHead WithFusion(HeadFusion fusion) =>
        Create(BackboneModelId, Categories, Members, EmbeddingLayer, MirrorAtQuery, Training, fusion, Calibration, Created);

    /// <summary>The head with another calibration of its class scores (a model of its own, with its own id).</summary>
    public CategoryHead WithCalibration(ClassCalibration calibration) =>
        Create(BackboneModelId, Categories, Members, EmbeddingLayer, MirrorAtQuery, Training, Fusion, calibration, Created);

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
        var instanceDimension = Fusion.DimensionFor(inputs);
        var instance = workspace.FusedInstanceOutput(count * instanceDimension);
        if (Fusion.Whitening is { } whitening)
        {
            whitening.Apply(vectors, count, instance, workspace.FusedScratch(count * inputs));
        }
        else
        {
            for (var r = 0; r < count; r++)
            {
                var source = vectors.Slice(r * inputs, inputs);
                var norm = TensorPrimitives.Norm(source);
                TensorPrimitives.Multiply(source, norm > 0 ? 1 / norm : 0, instance.Slice(r * inputs, inputs));
            }
        }

        var dimension = Dimension;
        var instanceWeight = MathF.Sqrt(Fusion.Share);
        var headWeight = MathF.Sqrt(1 - Fusion.Share);
        for (var r = 0; r < count; r++)
        {
            var row = destination.Slice(r * dimension, dimension);
            TensorPrimitives.Multiply(instance.Slice(r * instanceDimension, instanceDimension), instanceWeight, row[..instanceDimension]);
            TensorPrimitives.Multiply(head.Slice(r * HeadDimension, HeadDimension), headWeight, row[instanceDimension..]);
        }
    }

    /// <summary>The head's layer for each row (averaged over the members, with the mirror image's when <see cref="MirrorAtQuery"/>), unit length.</summary>
    private void EmbedHead(ReadOnlySpan<float> vectors, ReadOnlySpan<float> mirrored, int count, Span<float> output, HeadWorkspace workspace)
    {
        var dimension = HeadDimension;
        if (MirrorAtQuery && mirrored.Length < count * Network.InputDimension)
        {
            throw new ArgumentException("This head combines each image with its mirror image: the mirrored vectors are needed.", nameof(mirrored));
        }

        Represent(vectors, count, output, workspace);
        if (MirrorAtQuery)
        {
            var other = workspace.SecondView(count * dimension);
            Represent(mirrored, count, other, workspace);
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

    /// <summary>
    /// The embedding layer of one view, averaged over the members: hidden layers and logits as the network gives them
    /// (one network), probabilities from the calibrated logits of each member, averaged (the usual ensemble), then their
    /// square roots for <see cref="HeadLayer.RootProbabilities"/>.
    /// </summary>
    private void Represent(ReadOnlySpan<float> vectors, int count, Span<float> output, HeadWorkspace workspace)
    {
        var probabilities = EmbeddingLayer is HeadLayer.Probabilities or HeadLayer.RootProbabilities;
        if (Members.Count == 1 && (!probabilities || Calibration.IsNone))
        {
            Network.Represent(vectors, count, EmbeddingLayer, output, workspace);
            return;
        }

        var member = workspace.MemberOutput(output.Length);
        output.Clear();
        foreach (var network in Members)
        {
            network.Represent(vectors, count, HeadLayer.Logits, member, workspace);
            if (probabilities)
            {
                Calibration.ToProbabilities(member, count, network.Classes);
            }

            TensorPrimitives.Add(output, member, output);
        }

        TensorPrimitives.Divide(output, Members.Count, output);
        if (EmbeddingLayer == HeadLayer.RootProbabilities)
        {
            TensorPrimitives.Sqrt(output, output);
        }
    }

    internal CategoryHead WithId(string id) =>
        new(id, BackboneModelId, Categories, Members, EmbeddingLayer, MirrorAtQuery, Created, Training, Fusion, Calibration);
}
