using SkiaSharp;

namespace VisualRecSys.Engine.Embedding.Preprocessing;

/// <summary>
/// The stored pixels seen in their displayed (EXIF) orientation without copying them: displayed pixel (x, y) is
/// stored pixel <c>Base + x·StepX + y·StepY</c>. All eight orientations are flips and transposes, hence affine.
/// </summary>
/// <param name="Width">Displayed width.</param>
/// <param name="Height">Displayed height.</param>
/// <param name="Base">Stored index of displayed pixel (0, 0).</param>
/// <param name="StepX">Stored index step for one displayed pixel to the right.</param>
/// <param name="StepY">Stored index step for one displayed pixel down.</param>
internal readonly record struct OrientedView(int Width, int Height, int Base, int StepX, int StepY)
{
    public static OrientedView Of(DecodedPixels decoded)
    {
        var w = decoded.Width;
        var h = decoded.Height;
        var lastRow = (h - 1) * w;

        // From the EXIF definitions, e.g. RightTop (6): "the 0th row is the visual right-hand side, the 0th column is
        // the visual top", so displayed (x, y) is stored (y, h − 1 − x).
        return decoded.Origin switch
        {
            SKEncodedOrigin.TopRight => new(w, h, w - 1, -1, w),
            SKEncodedOrigin.BottomRight => new(w, h, lastRow + w - 1, -1, -w),
            SKEncodedOrigin.BottomLeft => new(w, h, lastRow, 1, -w),
            SKEncodedOrigin.LeftTop => new(h, w, 0, w, 1),
            SKEncodedOrigin.RightTop => new(h, w, lastRow, -w, 1),
            SKEncodedOrigin.RightBottom => new(h, w, lastRow + w - 1, -w, -1),
            SKEncodedOrigin.LeftBottom => new(h, w, w - 1, w, -1),
            _ => new(w, h, 0, 1, w),
        };
    }
}
