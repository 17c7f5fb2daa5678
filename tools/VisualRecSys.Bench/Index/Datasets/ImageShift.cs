namespace VisualRecSys.Bench.Index.Datasets;

/// <summary>Integer translations of small greyscale images, as used to make near-duplicate copies.</summary>
internal static class ImageShift
{
    /// <summary>Largest shift in each direction, in pixels.</summary>
    public const int MaxOffset = 2;

    /// <summary>A uniform offset in [-2, 2]² other than (0, 0), so every copy really moves.</summary>
    public static (int Dx, int Dy) DrawOffset(ref SeededRandom random)
    {
        const int Span = (2 * MaxOffset) + 1;
        while (true)
        {
            var dx = random.NextInt(Span) - MaxOffset;
            var dy = random.NextInt(Span) - MaxOffset;
            if (dx != 0 || dy != 0)
            {
                return (dx, dy);
            }
        }
    }

    /// <summary>
    /// Writes <paramref name="source"/> moved right by <paramref name="dx"/> and down by <paramref name="dy"/>:
    /// <c>destination[y, x] = source[y − dy, x − dx]</c>, 0 where that falls outside the image.
    /// </summary>
    public static void Shift(ReadOnlySpan<float> source, int width, int height, int dx, int dy, Span<float> destination)
    {
        for (var y = 0; y < height; y++)
        {
            var row = destination.Slice(y * width, width);
            var sourceY = y - dy;
            if (sourceY < 0 || sourceY >= height)
            {
                row.Clear();
                continue;
            }

            var sourceRow = source.Slice(sourceY * width, width);
            for (var x = 0; x < width; x++)
            {
                var sourceX = x - dx;
                row[x] = sourceX >= 0 && sourceX < width ? sourceRow[sourceX] : 0f;
            }
        }
    }
}
