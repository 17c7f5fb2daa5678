namespace VisualRecSys.Engine.Embedding;

/// <summary>
/// Turns encoded images into fixed-length feature vectors. Implementations are thread-safe.
/// </summary>
public interface IImageEmbedder
{
    /// <summary>Identifies the model and preprocessing; vectors of different ids must not be compared.</summary>
    string ModelId { get; }

    /// <summary>Length of every vector written.</summary>
    int Dimension { get; }

    /// <summary>The execution provider the model runs on, and why.</summary>
    ExecutionProviderInfo Provider { get; }

    /// <summary>Embeds one encoded image (PNG, JPEG, WebP, GIF, BMP, ...).</summary>
    /// <param name="encodedImage">The encoded image file's bytes.</param>
    /// <param name="destination">Receives the vector; its length must be <see cref="Dimension"/>.</param>
    /// <exception cref="InvalidImageException">The bytes are not an acceptable image.</exception>
    void Embed(ReadOnlySpan<byte> encodedImage, Span<float> destination);

    /// <summary>Embeds one region of an encoded image, as if the image were only that region.</summary>
    /// <param name="encodedImage">The encoded image file's bytes.</param>
    /// <param name="region">The region, in the image's displayed pixels (after its EXIF orientation).</param>
    /// <param name="destination">Receives the vector; its length must be <see cref="Dimension"/>.</param>
    /// <exception cref="InvalidImageException">The bytes are not an acceptable image.</exception>
    /// <exception cref="CropOutsideImageException"><paramref name="region"/> reaches outside the image.</exception>
    void Embed(ReadOnlySpan<byte> encodedImage, CropRegion region, Span<float> destination);

    /// <summary>Embeds several images, running the model on chunks of at most the configured batch size.</summary>
    /// <param name="encodedImages">The encoded images.</param>
    /// <param name="destination">
    /// Receives the vectors one after another (image <c>i</c> at <c>i * Dimension</c>);
    /// its length must be <c>encodedImages.Count * Dimension</c>.
    /// </param>
    /// <exception cref="InvalidImageException">One of the images is not acceptable; the message gives its index.</exception>
    void EmbedBatch(IReadOnlyList<ReadOnlyMemory<byte>> encodedImages, Span<float> destination);
}
