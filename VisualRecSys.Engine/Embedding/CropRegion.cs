using System.Globalization;

namespace VisualRecSys.Engine.Embedding;

/// <summary>
/// A rectangle of an image to search by, in the image's own pixels as displayed: after its EXIF orientation, so the
/// coordinates a person picks on the upright photo are the ones that count, whatever way the camera stored it.
/// </summary>
/// <remarks>
/// Its text form is <c>x,y,w,h</c> (<see cref="TryParse"/>, <see cref="ToString"/>). Whether it lies inside an image is
/// known only from that image's header; the decoder checks it there, before any pixel is decoded
/// (<see cref="CropOutsideImageException"/>).
/// </remarks>
public readonly record struct CropRegion
{
    /// <summary>The smallest side accepted, in pixels: a smaller region holds too little of a garment to search by.</summary>
    public const int MinSide = 16;

    /// <summary>A region <paramref name="width"/> × <paramref name="height"/> pixels whose top-left pixel is (<paramref name="x"/>, <paramref name="y"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A coordinate is negative or a side is under <see cref="MinSide"/>.</exception>
    public CropRegion(int x, int y, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        ArgumentOutOfRangeException.ThrowIfNegative(y);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, MinSide);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, MinSide);
        X = x;
        Y = y;
        Width = width;
        Height = height;
    }

    /// <summary>Left edge, in displayed pixels.</summary>
    public int X { get; }

    /// <summary>Top edge, in displayed pixels.</summary>
    public int Y { get; }

    /// <summary>Width in pixels, at least <see cref="MinSide"/>.</summary>
    public int Width { get; }

    /// <summary>Height in pixels, at least <see cref="MinSide"/>.</summary>
    public int Height { get; }

    /// <summary>The whole of an image of <paramref name="width"/> × <paramref name="height"/> (each at least <see cref="MinSide"/>).</summary>
    public static CropRegion Whole(int width, int height) => new(0, 0, width, height);

    /// <summary>Reads <c>x,y,w,h</c>: four whole numbers, no negative coordinate, sides of at least <see cref="MinSide"/>.</summary>
    /// <param name="text">The text, e.g. <c>8,8,32,32</c>.</param>
    /// <param name="region">The region, when the text is one.</param>
    /// <param name="problem">What is wrong with the text, in words a person can act on; empty when it parses.</param>
    public static bool TryParse(string? text, out CropRegion region, out string problem)
    {
        region = default;
        var parts = (text ?? "").Split(',', StringSplitOptions.TrimEntries);
        var numbers = new int[4];
        if (parts.Length != 4 || !parts.Select((p, i) => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i])).All(ok => ok))
        {
            problem = $"'{text}' is not a region: write x,y,w,h in the image's pixels as four whole numbers, e.g. 8,8,32,32.";
            return false;
        }

        if (numbers[2] < MinSide || numbers[3] < MinSide)
        {
            problem = $"The region {text} is {numbers[2]}×{numbers[3]} pixels; choose at least {MinSide}×{MinSide}.";
            return false;
        }

        region = new CropRegion(numbers[0], numbers[1], numbers[2], numbers[3]);
        problem = "";
        return true;
    }

    /// <summary>Whether the region lies wholly inside an image of <paramref name="width"/> × <paramref name="height"/> displayed pixels.</summary>
    public bool FitsIn(int width, int height) => (long)X + Width <= width && (long)Y + Height <= height;

    /// <summary>Refuses a region that does not lie inside an image of <paramref name="width"/> × <paramref name="height"/> displayed pixels.</summary>
    /// <exception cref="CropOutsideImageException">It does not.</exception>
    /// <exception cref="InvalidOperationException">This is <c>default(CropRegion)</c>, which is no region.</exception>
    public void ThrowIfOutside(int width, int height)
    {
        if (Width < MinSide)
        {
            // Only default(CropRegion) gets here: the constructor refuses smaller sides.
            throw new InvalidOperationException("default(CropRegion) is no region; pass null to use the whole image.");
        }

        if (!FitsIn(width, height))
        {
            throw new CropOutsideImageException(this, width, height);
        }
    }

    /// <summary><c>x,y,w,h</c>, the form <see cref="TryParse"/> reads.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{X},{Y},{Width},{Height}");
}
