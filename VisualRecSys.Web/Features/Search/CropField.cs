using Microsoft.Extensions.Primitives;
using VisualRecSys.Engine.Embedding;

namespace VisualRecSys.Web.Features.Search;

/// <summary>
/// The form field <c>crop</c> of <c>POST /api/similar</c>: one region per image, in the order of the images, each
/// <c>x,y,w,h</c> in that image's pixels after its EXIF orientation; an empty value searches that image whole. One
/// crop for one image is the usual case; with several images, send as many crops as images (or none).
/// </summary>
public static class CropField
{
    public const string Name = "crop";

    /// <summary>Reads the crops of <paramref name="images"/> images from <paramref name="values"/>.</summary>
    /// <param name="values">The field's values as sent.</param>
    /// <param name="images">How many images the form holds.</param>
    /// <param name="crops">One entry per image (null: the whole image), when the field is valid.</param>
    /// <param name="problem">What to change, when it is not; empty otherwise.</param>
    public static bool TryRead(StringValues values, int images, out IReadOnlyList<CropRegion?> crops, out string problem)
    {
        crops = [.. Enumerable.Repeat<CropRegion?>(null, images)];
        problem = "";
        if (values.Count == 0)
        {
            return true;
        }

        if (values.Count != images)
        {
            problem = $"Send one '{Name}' per image, in the order of the images (an empty one searches that image whole); got {values.Count} for {images} images.";
            return false;
        }

        var read = new CropRegion?[images];
        for (var i = 0; i < images; i++)
        {
            if (string.IsNullOrWhiteSpace(values[i]))
            {
                continue;
            }

            if (!CropRegion.TryParse(values[i], out var region, out var why))
            {
                problem = images == 1 ? why : $"Crop {i + 1} of {images}: {why}";
                return false;
            }

            read[i] = region;
        }

        crops = read;
        return true;
    }
}
