using SkiaSharp;

namespace VisualRecSys.Engine.Embedding;

/// <summary>
/// Checks untrusted image bytes exactly as embedding will decode them, so that an importer can refuse a bad file
/// before it becomes a product rather than failing later in the embedding run.
/// </summary>
public static class ImageValidator
{
    /// <summary>
    /// Checks the byte limit, the format, the pixel limit (from the header, before decoding) and that the whole image
    /// decodes, at the reduced size the model input needs (cheap for JPEG and WebP, whose codecs scale while decoding).
    /// </summary>
    /// <param name="encodedImage">The encoded file.</param>
    /// <param name="limits">Byte and pixel limits.</param>
    /// <returns>The image's format and size.</returns>
    /// <exception cref="InvalidImageException">The bytes are not an acceptable image; the message says why.</exception>
    public static ValidatedImage Validate(ReadOnlySpan<byte> encodedImage, ImageLimits limits)
    {
        // Decode checks the limits before it allocates pixels, and refuses truncated or corrupt data.
        using (ImageDecoder.Decode(encodedImage, limits, ImagePreprocessor.InputSize))
        {
        }

        // Decode succeeded, so the header parses; read the format and full size from it (a few microseconds).
        using var data = SKData.CreateCopy(encodedImage);
        using var codec = SKCodec.Create(data) ?? throw new InvalidImageException("The data is not an image in a supported format.");
        var format = codec.EncodedFormat;
        return new ValidatedImage(format.ToString().ToUpperInvariant(), ExtensionOf(format), codec.Info.Width, codec.Info.Height);
    }

    private static string ExtensionOf(SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Jpeg => ".jpg",
        SKEncodedImageFormat.Png => ".png",
        SKEncodedImageFormat.Webp => ".webp",
        SKEncodedImageFormat.Gif => ".gif",
        SKEncodedImageFormat.Bmp => ".bmp",
        SKEncodedImageFormat.Ico => ".ico",
        SKEncodedImageFormat.Wbmp => ".wbmp",
        var other => "." + other.ToString().ToLowerInvariant(),
    };
}
