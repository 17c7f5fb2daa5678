using System.Globalization;
using SkiaSharp;

namespace VisualRecSys.Engine.Embedding;

/// <summary>Decodes untrusted image bytes with SkiaSharp, refusing oversized input before it costs memory.</summary>
internal static class ImageDecoder
{
    private const string SupportedFormats = "PNG, JPEG, WebP, GIF, BMP, ICO or WBMP";

    /// <summary>
    /// Decodes <paramref name="encodedImage"/> to an opaque RGBA8888 bitmap in sRGB, transparent pixels flattened onto white.
    /// </summary>
    /// <param name="encodedImage">The encoded file.</param>
    /// <param name="limits">Byte and pixel limits; the pixel count is read from the header before decoding.</param>
    /// <param name="targetLongSide">
    /// The long side the caller will resample to. Codecs that scale cheaply while decoding (JPEG by n/8, WebP) decode at
    /// the supported size nearest to twice this, but never below it, so a 24-megapixel photo costs a few megabytes
    /// rather than a hundred. 0 decodes at full size.
    /// </param>
    public static unsafe DecodedImage Decode(ReadOnlySpan<byte> encodedImage, ImageLimits limits, int targetLongSide)
    {
        limits.ThrowIfUnset();
        if (encodedImage.IsEmpty)
        {
            throw new InvalidImageException("The image is empty (0 bytes).");
        }

        if (encodedImage.Length > limits.MaxBytes)
        {
            throw new InvalidImageException(string.Create(
                CultureInfo.InvariantCulture,
                $"The image is {encodedImage.Length:N0} bytes; at most {limits.MaxBytes:N0} bytes are accepted."));
        }

        fixed (byte* bytes = encodedImage)
        {
            // Wraps the caller's bytes without a copy; the data and codec are disposed before the pin is released.
            using var data = SKData.Create((IntPtr)bytes, encodedImage.Length);
            using var codec = SKCodec.Create(data)
                ?? throw new InvalidImageException($"The data is not an image in a supported format ({SupportedFormats}).");

            // Only the header has been read so far: refuse decompression bombs before allocating their pixels.
            var info = codec.Info;
            if (info.Width <= 0 || info.Height <= 0)
            {
                throw new InvalidImageException($"The image has no pixels ({info.Width}×{info.Height}).");
            }

            var pixels = (long)info.Width * info.Height;
            if (pixels > limits.MaxPixels)
            {
                throw new InvalidImageException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The image is {info.Width:N0}×{info.Height:N0} = {pixels:N0} pixels; at most {limits.MaxPixels:N0} pixels are accepted."));
            }

            var size = ChooseDecodeSize(codec, targetLongSide);
            var decodeInfo = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul, SKColorSpace.CreateSrgb());
            var bitmap = new SKBitmap(decodeInfo);
            try
            {
                if (bitmap.GetPixels() == IntPtr.Zero)
                {
                    throw new InvalidImageException($"The image ({info.Width}×{info.Height}) is too large to decode.");
                }

                var result = codec.GetPixels(decodeInfo, bitmap.GetPixels());

                // IncompleteInput (a truncated file) is refused too: its missing rows would be embedded as a grey block.
                if (result != SKCodecResult.Success)
                {
                    throw new InvalidImageException($"The image could not be decoded ({Describe(result)}).");
                }

                if (info.AlphaType != SKAlphaType.Opaque)
                {
                    FlattenOntoWhite(bitmap);
                }

                return new DecodedImage(bitmap, codec.EncodedOrigin);
            }
            catch
            {
                bitmap.Dispose();
                throw;
            }
        }
    }

    private static SKSizeI ChooseDecodeSize(SKCodec codec, int targetLongSide)
    {
        var full = codec.Info.Size;
        var longSide = Math.Max(full.Width, full.Height);
        if (targetLongSide <= 0 || longSide <= 2 * targetLongSide)
        {
            return full;
        }

        // Codecs return the nearest size they can produce cheaply (full size when they cannot scale at all).
        var scaled = codec.GetScaledDimensions(2f * targetLongSide / longSide);
        var scaledLongSide = Math.Max(scaled.Width, scaled.Height);
        return scaled.Width > 0 && scaled.Height > 0 && scaledLongSide >= targetLongSide && scaledLongSide <= longSide
            ? scaled
            : full;
    }

    /// <summary>
    /// Composites premultiplied pixels over white in place: product photos are cut out on white,
    /// so transparency means "white background", not the black that dropping alpha would give.
    /// </summary>
    private static unsafe void FlattenOntoWhite(SKBitmap bitmap)
    {
        var pixels = new Span<byte>((void*)bitmap.GetPixels(), bitmap.RowBytes * bitmap.Height);
        var width = bitmap.Width;
        var rowBytes = bitmap.RowBytes;
        for (var y = 0; y < bitmap.Height; y++)
        {
            var row = pixels.Slice(y * rowBytes, width * 4);
            for (var i = 0; i < row.Length; i += 4)
            {
                var transparency = 255 - row[i + 3];
                if (transparency != 0)
                {
                    // Premultiplied: colour + (1 - alpha) × white, which cannot exceed 255.
                    row[i] = (byte)(row[i] + transparency);
                    row[i + 1] = (byte)(row[i + 1] + transparency);
                    row[i + 2] = (byte)(row[i + 2] + transparency);
                    row[i + 3] = 255;
                }
            }
        }
    }

    private static string Describe(SKCodecResult result) => result switch
    {
        SKCodecResult.IncompleteInput => "the file is truncated",
        SKCodecResult.ErrorInInput => "the file is corrupt",
        SKCodecResult.InvalidInput => "the file is invalid",
        SKCodecResult.InvalidConversion => "its pixel format cannot be converted",
        SKCodecResult.Unimplemented => "its encoding is not supported",
        _ => result.ToString(),
    };
}
