using VisualRecSys.Data.Importing;
using VisualRecSys.Engine.Embedding;

namespace VisualRecSys.Web.Features.Catalog;

/// <summary>
/// The data layer's image checks and PNG encoding, done by the engine's SkiaSharp code, so an imported image is
/// refused by exactly the rules (format, byte and pixel limits, full decode) that embedding applies to it later.
/// </summary>
public sealed class EngineImageInspector(ImageLimits limits) : IImageInspector, IGreyscalePngEncoder
{
    public int MaxBytes => limits.MaxBytes;

    public ImageInspection Inspect(ReadOnlySpan<byte> encodedImage)
    {
        try
        {
            var image = ImageValidator.Validate(encodedImage, limits);
            return ImageInspection.Valid(image.FileExtension, image.Width, image.Height);
        }
        catch (InvalidImageException e)
        {
            return ImageInspection.Invalid(e.Message);
        }
    }

    public byte[] EncodeGreyPng(ReadOnlySpan<byte> pixels, int width, int height) => ImagePreprocessor.EncodePng(pixels, width, height);
}
