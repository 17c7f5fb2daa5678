using VisualRecSys.Engine.Embedding;
using VisualRecSys.Web.Components.Shared;

namespace VisualRecSys.Web.Features.Search;

/// <summary>
/// A photo chosen on the search page, with what cropping it needs: its upright size (the unit of a region), a preview
/// large enough to draw a region on, and the region chosen.
/// </summary>
public sealed class ChosenImage
{
    /// <summary>The side of the crop preview: enough to aim at a garment, small enough for a phone.</summary>
    public const int CropPreviewSize = 480;

    private ChosenImage(UploadedImage upload, int width, int height, string? cropPreviewUrl)
    {
        Upload = upload;
        Width = width;
        Height = height;
        CropPreviewUrl = cropPreviewUrl;
    }

    /// <summary>The upload as the picker read it.</summary>
    public UploadedImage Upload { get; }

    /// <summary>Width after the EXIF orientation (0 when the image could not be read).</summary>
    public int Width { get; }

    /// <summary>Height after the EXIF orientation (0 when the image could not be read).</summary>
    public int Height { get; }

    /// <summary>The upright preview to crop on; null when the image cannot be cropped (unreadable, or under the smallest region).</summary>
    public string? CropPreviewUrl { get; }

    /// <summary>The region searched; null searches the whole image.</summary>
    public CropRegion? Crop { get; set; }

    /// <summary>Whether a region can be chosen on it.</summary>
    public bool CanCrop => CropPreviewUrl is not null;

    /// <summary>Reads the size and makes the crop preview of <paramref name="upload"/> (CPU work: call it off the circuit).</summary>
    public static ChosenImage Prepare(UploadedImage upload, ImageLimits limits)
    {
        ArgumentNullException.ThrowIfNull(upload);
        if (upload.Error is not null)
        {
            return new ChosenImage(upload, 0, 0, null);
        }

        try
        {
            var (width, height) = ImagePreprocessor.OrientedSize(upload.Bytes.Span, limits);
            if (width < CropRegion.MinSide || height < CropRegion.MinSide)
            {
                return new ChosenImage(upload, width, height, null);
            }

            var preview = ImagePreprocessor.Thumbnail(upload.Bytes.Span, CropPreviewSize, limits);
            return new ChosenImage(upload, width, height, $"data:image/png;base64,{Convert.ToBase64String(preview)}");
        }
        catch (InvalidImageException)
        {
            // The search says why the image cannot be used; it is only not croppable here.
            return new ChosenImage(upload, 0, 0, null);
        }
    }
}
