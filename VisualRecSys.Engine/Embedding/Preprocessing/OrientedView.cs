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

    /// <summary>Whether <paramref name="origin"/> swaps width and height (the four transposing orientations).</summary>
    public static bool SwapsAxes(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>
    /// The part of this view that <paramref name="region"/> covers. The region is in the image's full displayed pixels
    /// (<paramref name="fullWidth"/> × <paramref name="fullHeight"/>); a codec that reduced the image while decoding
    /// made this view smaller, so the region is scaled to it, rounded outwards so no chosen pixel is lost.
    /// </summary>
    public OrientedView Crop(CropRegion region, int fullWidth, int fullHeight)
    {
        var (left, right) = Scale(region.X, region.Width, Width, fullWidth);
        var (top, bottom) = Scale(region.Y, region.Height, Height, fullHeight);
        return new OrientedView(right - left, bottom - top, Base + (left * StepX) + (top * StepY), StepX, StepY);
    }

    private static (int Start, int End) Scale(int start, int length, int viewLength, int fullLength)
    {
        if (fullLength <= 0 || fullLength == viewLength)
        {
            return (start, start + length);
        }

        var scale = (double)viewLength / fullLength;
        var first = Math.Clamp((int)Math.Floor(start * scale), 0, viewLength - 1);
        var end = Math.Clamp((int)Math.Ceiling((start + (double)length) * scale), first + 1, viewLength);
        return (first, end);
    }
}
