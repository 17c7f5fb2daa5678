using System.Buffers;
using System.Numerics.Tensors;
using VisualRecSys.Engine.Embedding;

namespace VisualRecSys.Engine.Recommend;

/// <summary>
/// The vector a search by uploaded images asks with: one image's embedding or, for several ("like this outfit"), the
/// centroid of their unit-length embeddings, as in the article behind the product.
/// </summary>
public static class QueryVector
{
    /// <summary>The mean of <paramref name="images"/>' unit-length embeddings by <paramref name="embedder"/>.</summary>
    /// <remarks>
    /// Each embedding is scaled to unit length first so that no image outweighs the others; a zero vector adds nothing
    /// to the mean's direction. The mean is not scaled again: every metric's search takes it as it is.
    /// </remarks>
    /// <exception cref="InvalidImageException">An image cannot be decoded or is too large; with several, the message says which.</exception>
    public static float[] Of(IImageEmbedder embedder, IReadOnlyList<ReadOnlyMemory<byte>> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        return Outfit(embedder, [.. images.Select(i => new QueryImage(i))]).Centroid;
    }

    /// <summary>
    /// Embeds each of <paramref name="images"/> once (its region, when it has one) and returns both each piece's
    /// unit-length vector and their mean, the outfit's centroid (as <see cref="Of"/>).
    /// </summary>
    /// <exception cref="InvalidImageException">An image cannot be decoded or is too large; with several, the message says which.</exception>
    /// <exception cref="CropOutsideImageException">An image's region reaches outside it; with several, the message says which.</exception>
    public static OutfitVectors Outfit(IImageEmbedder embedder, IReadOnlyList<QueryImage> images)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentOutOfRangeException.ThrowIfLessThan(images.Count, 1);
        var dimension = embedder.Dimension;
        var centroid = new float[dimension];
        var pieces = new float[images.Count][];
        var vector = ArrayPool<float>.Shared.Rent(dimension);
        try
        {
            for (var i = 0; i < images.Count; i++)
            {
                var v = vector.AsSpan(0, dimension);
                try
                {
                    Embed(embedder, images[i], v);
                }
                catch (InvalidImageException e) when (images.Count > 1)
                {
                    throw new InvalidImageException($"Image {i + 1} of {images.Count}: {e.Message}", e);
                }
                catch (CropOutsideImageException e) when (images.Count > 1)
                {
                    throw new CropOutsideImageException($"Image {i + 1} of {images.Count}: {e.Message}", e);
                }

                // The piece is the image's unit-length embedding: the same vector a search by it alone asks with.
                var piece = new float[dimension];
                var norm = TensorPrimitives.Norm(v);
                if (norm > 0f)
                {
                    TensorPrimitives.Multiply(v, 1f / norm, piece);
                }

                TensorPrimitives.Add(centroid, piece, centroid);
                pieces[i] = piece;
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(vector);
        }

        TensorPrimitives.Divide(centroid, images.Count, centroid);
        return new OutfitVectors(centroid, pieces);
    }

    private static void Embed(IImageEmbedder embedder, QueryImage image, Span<float> destination)
    {
        if (image.Crop is { } region)
        {
            embedder.Embed(image.Bytes.Span, region, destination);
        }
        else
        {
            embedder.Embed(image.Bytes.Span, destination);
        }
    }
}
