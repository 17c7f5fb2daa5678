namespace VisualRecSys.Data.Importing.FashionMnist;

/// <summary>A set of equally sized 8-bit grayscale images, as stored in an IDX file.</summary>
public sealed class IdxImageSet
{
    /// <summary>Wraps pixels that are already in memory.</summary>
    /// <param name="count">Number of images.</param>
    /// <param name="rows">Height of each image.</param>
    /// <param name="columns">Width of each image.</param>
    /// <param name="pixels"><paramref name="count"/> × <paramref name="rows"/> × <paramref name="columns"/> bytes, image after image, row-major.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative, or <paramref name="pixels"/> has the wrong length.</exception>
    public IdxImageSet(int count, int rows, int columns, ReadOnlyMemory<byte> pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        var expected = (long)count * rows * columns;
        if (pixels.Length != expected)
        {
            throw new ArgumentOutOfRangeException(
                nameof(pixels), pixels.Length, $"Expected {expected} bytes for {count} images of {rows}×{columns}.");
        }

        Count = count;
        Rows = rows;
        Columns = columns;
        Pixels = pixels;
    }

    /// <summary>Number of images.</summary>
    public int Count { get; }

    /// <summary>Height of each image in pixels.</summary>
    public int Rows { get; }

    /// <summary>Width of each image in pixels.</summary>
    public int Columns { get; }

    /// <summary>
    /// All pixels: <see cref="Count"/> × <see cref="Rows"/> × <see cref="Columns"/> bytes, image after image,
    /// each row-major. 0 is the black background and 255 full intensity (Fashion-MNIST is not inverted).
    /// </summary>
    public ReadOnlyMemory<byte> Pixels { get; }

    /// <summary>The pixels of one image, row-major.</summary>
    /// <param name="index">Zero-based image index.</param>
    /// <returns><see cref="Rows"/> × <see cref="Columns"/> bytes.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not in [0, <see cref="Count"/>).</exception>
    public ReadOnlySpan<byte> Image(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var size = Rows * Columns;
        return Pixels.Span.Slice(index * size, size);
    }
}
