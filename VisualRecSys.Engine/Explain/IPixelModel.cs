namespace VisualRecSys.Engine.Explain;

/// <summary>
/// An image model opened up one step before the network: images are rendered to the square of pixels the model sees,
/// and such squares (edited or not) are embedded. Occlusion maps need this seam: they mask cells of the square the model
/// actually sees, so no re-decoding or re-resizing blurs the mask's edges.
/// </summary>
public interface IPixelModel
{
    /// <summary>The model's id (vectors of different ids are never compared).</summary>
    string ModelId { get; }

    /// <summary>Floats per embedding.</summary>
    int Dimension { get; }

    /// <summary>Width and height of the square the model sees.</summary>
    int InputSize { get; }

    /// <summary>Images per model run that suit it (the run costs the same per image above a few).</summary>
    int BatchSize { get; }

    /// <summary>Decodes an image and renders it as three planes of <see cref="InputSize"/>² pixel values in 0..255 (the model's channel order).</summary>
    /// <param name="encodedImage">The encoded image file.</param>
    /// <param name="planes">Receives 3 × <see cref="InputSize"/>² floats.</param>
    /// <exception cref="Embedding.InvalidImageException">The bytes are not an acceptable image.</exception>
    void Render(ReadOnlySpan<byte> encodedImage, Span<float> planes);

    /// <summary>Embeds <paramref name="count"/> rendered squares in one model run.</summary>
    /// <param name="planes">count × 3 × <see cref="InputSize"/>² pixel values, one square after another; overwritten (normalised in place).</param>
    /// <param name="count">Squares in <paramref name="planes"/>.</param>
    /// <param name="destination">Receives count × <see cref="Dimension"/> floats.</param>
    void Embed(Memory<float> planes, int count, Span<float> destination);
}
