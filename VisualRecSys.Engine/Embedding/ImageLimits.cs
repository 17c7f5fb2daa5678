namespace VisualRecSys.Engine.Embedding;

/// <summary>Size limits applied to an encoded image before it is decoded.</summary>
/// <param name="MaxBytes">Largest encoded size accepted, in bytes.</param>
/// <param name="MaxPixels">Largest width × height accepted, read from the image header before any pixel is decoded.</param>
public readonly record struct ImageLimits(int MaxBytes, int MaxPixels)
{
    /// <summary>The defaults of <see cref="EmbeddingOptions"/>: 20 MiB and 40 megapixels.</summary>
    public static ImageLimits Default { get; } = new(20 * 1024 * 1024, 40_000_000);

    /// <summary>The limits configured in <paramref name="options"/>.</summary>
    public static ImageLimits From(EmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ImageLimits(options.MaxImageBytes, options.MaxImagePixels);
    }

    internal void ThrowIfUnset()
    {
        // default(ImageLimits) would reject every image with a confusing message; say what is wrong instead.
        if (MaxBytes <= 0 || MaxPixels <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBytes), this, "Image limits must be positive; use ImageLimits.Default.");
        }
    }
}
