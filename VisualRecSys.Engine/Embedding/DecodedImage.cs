using SkiaSharp;

namespace VisualRecSys.Engine.Embedding;

/// <summary>
/// An opaque RGBA8888 bitmap decoded from an encoded image, with the EXIF orientation still to be applied.
/// </summary>
internal sealed class DecodedImage : IDisposable
{
    public DecodedImage(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        Bitmap = bitmap;
        Origin = origin;
    }

    /// <summary>Pixels as stored in the file, possibly reduced by the codec; alpha already flattened onto white.</summary>
    public SKBitmap Bitmap { get; }

    /// <summary>The EXIF orientation (TopLeft when the file has none).</summary>
    public SKEncodedOrigin Origin { get; }

    /// <summary>Whether the orientation swaps width and height (the four transposing orientations).</summary>
    public bool SwapsAxes => Origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop
        or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>Width as displayed, after orientation.</summary>
    public int OrientedWidth => SwapsAxes ? Bitmap.Height : Bitmap.Width;

    /// <summary>Height as displayed, after orientation.</summary>
    public int OrientedHeight => SwapsAxes ? Bitmap.Width : Bitmap.Height;

    /// <summary>
    /// Maps the stored pixels (0..w × 0..h) onto the displayed orientation (0..OrientedWidth × 0..OrientedHeight).
    /// </summary>
    public SKMatrix OrientationMatrix()
    {
        float w = Bitmap.Width;
        float h = Bitmap.Height;

        // SKMatrix(scaleX, skewX, transX, skewY, scaleY, transY, persp0, persp1, persp2):
        // x' = scaleX·x + skewX·y + transX, y' = skewY·x + scaleY·y + transY.
        return Origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => SKMatrix.Identity,
        };
    }

    public void Dispose() => Bitmap.Dispose();
}
