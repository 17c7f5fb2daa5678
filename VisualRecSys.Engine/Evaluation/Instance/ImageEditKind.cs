namespace VisualRecSys.Engine.Evaluation.Instance;

/// <summary>
/// One way of photographing a product again, applied to its catalog image by <see cref="ImageEdits"/>. The ranges are
/// those <see cref="ImageEdits.Apply"/> draws from (seeded); sizes are of the oriented source image.
/// </summary>
public enum ImageEditKind
{
    /// <summary>A window of 86–96 % of each side at a random place, resized back to the full size: the product shifts and grows a little.</summary>
    CropShift,

    /// <summary>The whole image resized by a factor of 0.7–1.5 (log-uniform), at least 16 px a side.</summary>
    Scale,

    /// <summary>Brightness ± 0.12 of the full range, contrast × 0.8–1.25 about mid-grey, gamma 0.8–1.25.</summary>
    Tone,

    /// <summary>A Gaussian blur of σ = 1–2.5 % of the long side (0.3–0.7 px on a 28 px image).</summary>
    Blur,

    /// <summary>Gaussian noise of σ = 3–8 levels of 255 on each pixel (the same on its three channels).</summary>
    Noise,

    /// <summary>Re-encoded as a JPEG of quality 50–90.</summary>
    Jpeg,

    /// <summary>Turned by 3–8° either way about the centre, the corners filled with the image's border colour.</summary>
    Rotation,

    /// <summary>Placed on a background of the border colour with a margin of 8–25 % of the side on each side (drawn apart).</summary>
    Padding,

    /// <summary>Enlarged 3–8 times with cubic interpolation (to a long side of at most 1,024 px, and at least 1.25 times).</summary>
    Enlarge,

    /// <summary>
    /// A product photographed again and sent from a phone: a window of 94–99 % of each side, brightness ± 0.08, noise of
    /// σ = 2–4 levels, enlarged 4–8 times (at most 1,024 px) and saved as a JPEG of quality 75–92.
    /// </summary>
    Rephotograph,

    /// <summary>Colour images only: each channel multiplied by 0.88–1.12.</summary>
    ColourCast,

    /// <summary>Colour images only: converted to grey (Rec. 601 luma).</summary>
    Greyscale,
}

/// <summary>Names and families of <see cref="ImageEditKind"/>.</summary>
public static class ImageEditKinds
{
    /// <summary>The edits of a greyscale image (a colour cast or greyscale conversion would not be a re-photograph of it).</summary>
    public static IReadOnlyList<ImageEditKind> ForGrey { get; } =
    [
        ImageEditKind.CropShift, ImageEditKind.Scale, ImageEditKind.Tone, ImageEditKind.Blur, ImageEditKind.Noise,
        ImageEditKind.Jpeg, ImageEditKind.Rotation, ImageEditKind.Padding, ImageEditKind.Enlarge, ImageEditKind.Rephotograph,
    ];

    /// <summary>The edits of a colour image: those of a grey one plus a colour cast and greyscale.</summary>
    public static IReadOnlyList<ImageEditKind> ForColour { get; } = [.. ForGrey, ImageEditKind.ColourCast, ImageEditKind.Greyscale];

    /// <summary>The name used in reports and URLs (snake_case, e.g. <c>crop_shift</c>).</summary>
    public static string Name(this ImageEditKind kind) => kind switch
    {
        ImageEditKind.CropShift => "crop_shift",
        ImageEditKind.Scale => "scale",
        ImageEditKind.Tone => "tone",
        ImageEditKind.Blur => "blur",
        ImageEditKind.Noise => "noise",
        ImageEditKind.Jpeg => "jpeg",
        ImageEditKind.Rotation => "rotation",
        ImageEditKind.Padding => "padding",
        ImageEditKind.Enlarge => "enlarge",
        ImageEditKind.Rephotograph => "rephotograph",
        ImageEditKind.ColourCast => "colour_cast",
        ImageEditKind.Greyscale => "greyscale",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown edit."),
    };

    /// <summary>What the edit does, in a few words for people (the ranges of the kind's documentation).</summary>
    public static string Summary(this ImageEditKind kind) => kind switch
    {
        ImageEditKind.CropShift => "a window of 86–96 % of each side, resized back to full size",
        ImageEditKind.Scale => "resized by × 0.7–1.5",
        ImageEditKind.Tone => "brightness ± 0.12, contrast × 0.8–1.25, gamma 0.8–1.25",
        ImageEditKind.Blur => "Gaussian blur of σ 1–2.5 % of the long side",
        ImageEditKind.Noise => "Gaussian noise of σ 3–8 levels",
        ImageEditKind.Jpeg => "re-encoded as JPEG of quality 50–90",
        ImageEditKind.Rotation => "turned by 3–8° either way",
        ImageEditKind.Padding => "a margin of 8–25 % of the side in the border colour",
        ImageEditKind.Enlarge => "enlarged 3–8 times (at most 1,024 px)",
        ImageEditKind.Rephotograph => "slight crop, brightness, noise, enlarged and saved as JPEG, as a phone would",
        ImageEditKind.ColourCast => "each channel × 0.88–1.12",
        ImageEditKind.Greyscale => "converted to grey",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown edit."),
    };

    /// <summary>The edit named <paramref name="name"/> (as <see cref="Name"/> writes it), or null.</summary>
    public static ImageEditKind? Parse(string? name)
    {
        foreach (var kind in Enum.GetValues<ImageEditKind>())
        {
            if (string.Equals(kind.Name(), name, StringComparison.Ordinal))
            {
                return kind;
            }
        }

        return null;
    }
}
