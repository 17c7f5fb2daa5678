using System.Buffers;
using VisualRecSys.Engine.Embedding;

namespace VisualRecSys.Engine.Heads;

/// <summary>
/// Embeds uploaded images with a head model: the backbone runs on the image (and on its mirror image when the head
/// mirrors), then the head on those vectors. Thread-safe: each thread has its own head workspace.
/// </summary>
public sealed class HeadImageEmbedder(OnnxImageEmbedder backbone, CategoryHead head) : IImageEmbedder
{
    [ThreadStatic]
    private static HeadWorkspace? t_workspace;

    /// <inheritdoc/>
    public string ModelId => head.Id;

    /// <inheritdoc/>
    public int Dimension => head.Dimension;

    /// <inheritdoc/>
    public ExecutionProviderInfo Provider => backbone.Provider;

    /// <summary>The head.</summary>
    public CategoryHead Head => head;

    /// <summary>The backbone the head runs on.</summary>
    public OnnxImageEmbedder Backbone => backbone;

    /// <inheritdoc/>
    public void Embed(ReadOnlySpan<byte> encodedImage, Span<float> destination)
    {
        // One image: copy it once so the batch path (which takes memory, not spans) serves both.
        var copy = ArrayPool<byte>.Shared.Rent(encodedImage.Length);
        try
        {
            encodedImage.CopyTo(copy);
            EmbedBatch([copy.AsMemory(0, encodedImage.Length)], destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    /// <inheritdoc/>
    public void Embed(ReadOnlySpan<byte> encodedImage, CropRegion region, Span<float> destination)
    {
        if (destination.Length != Dimension)
        {
            throw new ArgumentException($"The destination must hold {Dimension} floats; it holds {destination.Length}.", nameof(destination));
        }

        var vector = ArrayPool<float>.Shared.Rent(backbone.Dimension);
        var mirrored = head.MirrorAtQuery ? ArrayPool<float>.Shared.Rent(backbone.Dimension) : null;
        try
        {
            backbone.Embed(encodedImage, region, ImageView.Original, vector.AsSpan(0, backbone.Dimension));
            if (mirrored is not null)
            {
                backbone.Embed(encodedImage, region, ImageView.Mirrored, mirrored.AsSpan(0, backbone.Dimension));
            }

            head.Embed(vector.AsSpan(0, backbone.Dimension), mirrored is null ? [] : mirrored.AsSpan(0, backbone.Dimension), 1, destination,
                t_workspace ??= new HeadWorkspace());
        }
        finally
        {
            ArrayPool<float>.Shared.Return(vector);
            if (mirrored is not null)
            {
                ArrayPool<float>.Shared.Return(mirrored);
            }
        }
    }

    /// <inheritdoc/>
    public void EmbedBatch(IReadOnlyList<ReadOnlyMemory<byte>> encodedImages, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(encodedImages);
        var count = encodedImages.Count;
        if (destination.Length != count * Dimension)
        {
            throw new ArgumentException($"The destination must hold {count} × {Dimension} floats; it holds {destination.Length}.", nameof(destination));
        }

        if (count == 0)
        {
            return;
        }

        var length = count * backbone.Dimension;
        var vectors = ArrayPool<float>.Shared.Rent(length);
        var mirrored = head.MirrorAtQuery ? ArrayPool<float>.Shared.Rent(length) : null;
        try
        {
            backbone.EmbedBatch(encodedImages, vectors.AsSpan(0, length), ImageView.Original);
            if (mirrored is not null)
            {
                backbone.EmbedBatch(encodedImages, mirrored.AsSpan(0, length), ImageView.Mirrored);
            }

            head.Embed(vectors.AsSpan(0, length), mirrored is null ? [] : mirrored.AsSpan(0, length), count, destination,
                t_workspace ??= new HeadWorkspace());
        }
        finally
        {
            ArrayPool<float>.Shared.Return(vectors);
            if (mirrored is not null)
            {
                ArrayPool<float>.Shared.Return(mirrored);
            }
        }
    }
}
