namespace VisualRecSys.Engine.Embedding;

/// <summary>
/// A <see cref="CropRegion"/> reaches past the edge of its image. The image is fine, the request is not: callers answer
/// it as a bad request, unlike an <see cref="InvalidImageException"/>.
/// </summary>
public sealed class CropOutsideImageException : Exception
{
    /// <summary>Says that <paramref name="region"/> does not fit an image of <paramref name="width"/> × <paramref name="height"/>.</summary>
    public CropOutsideImageException(CropRegion region, int width, int height)
        : base($"The region {region} (x,y,w,h) reaches to ({(long)region.X + region.Width}, {(long)region.Y + region.Height}), "
            + $"outside the image of {width}×{height} pixels (as displayed, after its EXIF orientation); choose a region inside it.")
    {
        Region = region;
        ImageWidth = width;
        ImageHeight = height;
    }

    /// <summary>As the other constructor, with another message (for an image of several, naming which).</summary>
    public CropOutsideImageException(string message, CropOutsideImageException inner)
        : base(message, inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Region = inner.Region;
        ImageWidth = inner.ImageWidth;
        ImageHeight = inner.ImageHeight;
    }

    /// <summary>The region asked for.</summary>
    public CropRegion Region { get; }

    /// <summary>The image's displayed width.</summary>
    public int ImageWidth { get; }

    /// <summary>The image's displayed height.</summary>
    public int ImageHeight { get; }
}
